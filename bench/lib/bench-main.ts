import fs from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url))

/** A progress line on stderr, so stdout holds only the report. */
export const progress = (message: string) => process.stderr.write(`· ${message}\n`)

/** The machine and the moment, for a report's header. */
export interface MachineMeta {
  date: string
  node: string
  platform: string
  cpus: number
  cpuModel: string
}

export function machineMeta(): MachineMeta {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
  }
}

/** The report's first line: what ran where. */
export function describeMachine(title: string, m: MachineMeta): string {
  return `${title} — ${m.date}, node ${m.node}, ${m.platform}, ${m.cpus} × ${m.cpuModel}`
}

/** `kinds` in order in even rounds and reversed in odd ones (ABBA), so drift lands on all of them. */
export function abbaOrder<K>(kinds: readonly K[], round: number): readonly K[] {
  return round % 2 === 0 ? kinds : [...kinds].reverse()
}

/**
 * Runs one benchmark as a script: stops the process after `budgetMs` whatever happens (server and
 * client children exit on their own when their IPC channel closes), writes the report as
 * bench/results/`name`.json, and prints it rendered on stdout.
 */
export async function runBench<R>(options: {
  name: string
  budgetMs: number
  run: () => Promise<R>
  render: (report: R) => string
}): Promise<void> {
  const budget = setTimeout(() => {
    process.stderr.write(`bench ${options.name}: over the ${options.budgetMs / 1000} s budget, stopping\n`)
    process.exit(1)
  }, options.budgetMs)
  budget.unref()
  const started = performance.now()
  try {
    const report = await options.run()
    fs.mkdirSync(RESULTS_DIR, { recursive: true })
    const file = `${RESULTS_DIR}${options.name}.json`
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
    process.stdout.write(`\n${options.render(report)}\n`)
    progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; JSON in ${file}`)
  } catch (error: unknown) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    process.stderr.write(`bench ${options.name} failed: ${detail}\n`)
    process.exitCode = 1
  } finally {
    clearTimeout(budget)
  }
}
