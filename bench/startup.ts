/**
 * `npm run bench:startup`: launch → first healthy answer, for Lockstep's `npm start` path on a built
 * checkout (`node scripts/start.mjs`: the staleness check, then the compiled server) against the
 * classic y-websocket server (the reference), and the same after `kill -9` (a crash restart over
 * the same data). Each figure is the median of several launches, taken in ABBA order.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ensureBuilt } from '../scripts/ensure-build.mjs'
import {
  abbaOrder,
  describeMachine,
  type MachineMeta,
  machineMeta,
  progress,
  runBench,
} from './lib/bench-main'
import { median } from './lib/stats'
import { fmt, fmtRatio, renderTable } from './lib/table'

const SETTINGS = { launches: 5, budgetMs: 3 * 60_000 }
const KINDS = ['lockstep', 'classic'] as const
type Kind = (typeof KINDS)[number]

interface StartupReport {
  meta: MachineMeta & { settings: typeof SETTINGS }
  coldMs: Record<Kind, number[]>
  afterKillMs: Record<Kind, number[]>
}

/** A port nobody uses right now (the child binds it; a fixed port would collide with other runs). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

function launch(kind: Kind, port: number, dataDir: string): ChildProcess {
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  // the classic server's script binds port 0 and reports it over IPC; here it gets a fixed PORT
  const args = kind === 'lockstep' ? ['scripts/start.mjs'] : ['bench/servers/classic-start.cjs']
  return spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] })
}

/** Milliseconds from spawning until the server answers HTTP 200 (/healthz for ours). */
async function timeToHealthy(child: ChildProcess, started: number, port: number): Promise<number> {
  const url = `http://127.0.0.1:${port}/healthz`
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before it was healthy`)
    try {
      const res = await fetch(url)
      if (res.ok) return performance.now() - started
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}

/** One cold launch, then `kill -9` and a restart over the same data directory. */
async function measureOnce(kind: Kind): Promise<{ cold: number; afterKill: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-start-'))
  try {
    const port = await freePort()
    let started = performance.now()
    const first = launch(kind, port, dataDir)
    const cold = await timeToHealthy(first, started, port)
    await stop(first, 'SIGKILL')
    started = performance.now()
    const second = launch(kind, port, dataDir)
    const afterKill = await timeToHealthy(second, started, port)
    await stop(second, 'SIGTERM')
    return { cold, afterKill }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function run(): Promise<StartupReport> {
  const coldMs: Record<Kind, number[]> = { lockstep: [], classic: [] }
  const afterKillMs: Record<Kind, number[]> = { lockstep: [], classic: [] }
  // the first `npm start` may have to build; that is not a start-up figure
  progress('making sure the build is current')
  await ensureBuilt(progress)
  for (let round = 0; round < SETTINGS.launches; round++) {
    for (const kind of abbaOrder(KINDS, round)) {
      const { cold, afterKill } = await measureOnce(kind)
      coldMs[kind].push(cold)
      afterKillMs[kind].push(afterKill)
      progress(`${kind}: healthy after ${fmt(cold, 0)} ms, after kill -9 ${fmt(afterKill, 0)} ms`)
    }
  }
  return { meta: { ...machineMeta(), settings: SETTINGS }, coldMs, afterKillMs }
}

function render(report: StartupReport): string {
  const row = (label: string, times: Record<Kind, number[]>) => {
    const ours = median(times.lockstep)
    const reference = median(times.classic)
    return [label, fmt(ours, 0), fmt(reference, 0), fmtRatio(ours / reference)]
  }
  return [
    describeMachine('Server start: launch → healthy (median ms)', report.meta),
    renderTable(
      ['start', 'lockstep', 'classic y-websocket', 'ours / reference'],
      [row('cold start (npm start, built)', report.coldMs), row('restart after kill -9', report.afterKillMs)],
    ),
  ].join('\n\n')
}

await runBench({ name: 'startup', budgetMs: SETTINGS.budgetMs, run, render })
