import { describeMachine, type MachineMeta } from './lib/bench-main'
import { ratio } from './lib/stats'
import { fmt, fmtRatio, renderTable } from './lib/table'
import type { ScaleBenchSettings } from './scale'
import type { FanoutSummary } from './scenarios/fanout-latency'

/** The four server sets of one run: ours and the reference, one instance and three. */
export const SET_NAMES = ['lockstep1', 'lockstep3', 'hocuspocus1', 'hocuspocus3'] as const
export type SetName = (typeof SET_NAMES)[number]
export type PerSet<T> = Record<SetName, T>

/** Everything `npm run bench:scale` measured; written as bench/results/scale.json. */
export interface ScaleReport {
  meta: MachineMeta & { settings: ScaleBenchSettings }
  /** The machine's 1-minute load average when the run started and ended: how shared it was. */
  loadAverage: { atStart: number; atEnd: number }
  /** Runs not started because the run's deadline had come (0 when everything ran). */
  skippedRuns: number
  results: (PerSet<FanoutSummary> & { label: string })[]
}

/** Issue 14's goal: three instances' p99 within this factor of one instance's. */
export const CROSS_INSTANCE_P99_GOAL = 1.2

/** How one board size fares against the goal, as ratios of p99 fan-out. */
export interface ScaleGoal {
  label: string
  /** Lockstep ×3 / Lockstep ×1. */
  threeOverOne: number
  /** Lockstep ×3 / Hocuspocus ×3. */
  threeOverReference: number
  /** Both within bounds: at most the goal over one instance, and not above the reference. */
  met: boolean
}

/** The goal per board size: p99 of three instances within 1.2× of one, and not above Hocuspocus ×3. */
export function scaleGoals(results: ScaleReport['results']): ScaleGoal[] {
  return results.map(({ label, lockstep1, lockstep3, hocuspocus3 }) => {
    const threeOverOne = ratio(lockstep3.p99Ms, lockstep1.p99Ms)
    const threeOverReference = ratio(lockstep3.p99Ms, hocuspocus3.p99Ms)
    return {
      label,
      threeOverOne,
      threeOverReference,
      met: threeOverOne <= CROSS_INSTANCE_P99_GOAL && threeOverReference <= 1,
    }
  })
}

const MiB = 1024 * 1024
/** Above this share of the bench's event loop, its clients may be what delays an edit. */
const CLIENT_LOOP_WARNING = 0.8

/** One row: a figure for each set, then the ratios the goal reads. */
function row(
  label: string,
  figure: (summary: FanoutSummary) => number,
  sets: PerSet<FanoutSummary>,
  digits: number,
) {
  const [l1, l3, h1, h3] = SET_NAMES.map((name) => figure(sets[name]))
  return [
    label,
    ...[l1, l3, h1, h3].map((value) => fmt(value ?? Number.NaN, digits)),
    fmtRatio(ratio(l3 ?? Number.NaN, l1 ?? Number.NaN)),
    fmtRatio(ratio(l3 ?? Number.NaN, h3 ?? Number.NaN)),
    fmtRatio(ratio(l1 ?? Number.NaN, h1 ?? Number.NaN)),
  ]
}

/** The report as a plain-text table with a few lines saying what each figure is. */
export function renderScaleReport(report: ScaleReport): string {
  const { settings } = report.meta
  const rows: string[][] = []
  for (const result of report.results) {
    const { label } = result
    const offered = 1000 / result.lockstep1.intervalMs
    rows.push(row(`${label}: fan-out p50 (ms)`, (s) => s.p50Ms, result, 2))
    rows.push(row(`${label}: fan-out p99 (ms)`, (s) => s.p99Ms, result, 2))
    rows.push(row(`${label}: edits/s (offered ${fmt(offered, 0)})`, (s) => s.editsPerSecond, result, 1))
    rows.push(row(`${label}: server CPU per edit (µs)`, (s) => s.serverCpuUsPerEdit, result, 0))
    rows.push(row(`${label}: RSS per instance (MiB)`, (s) => s.rssMeanBytes / MiB, result, 0))
  }
  const goals = scaleGoals(report.results).map(
    (goal) =>
      `  ${goal.label}: p99 ×3/×1 ${fmtRatio(goal.threeOverOne)} (≤ ${CROSS_INSTANCE_P99_GOAL}×), ` +
      `ours ×3 / Hocuspocus ×3 ${fmtRatio(goal.threeOverReference)} (≤ 1×): ${goal.met ? 'met' : 'NOT met'}`,
  )
  const all = report.results.flatMap((r) => SET_NAMES.map((name) => r[name]))
  const busiest = Math.max(...all.map((s) => s.clientLoopUtilization))
  const incomplete = report.results.flatMap((r) =>
    SET_NAMES.filter((name) => r[name].incomplete > 0).map(
      (name) => `${r[name].incomplete} edits on ${name} at ${r.label}`,
    ),
  )
  return [
    describeMachine('Lockstep scale benchmark', report.meta),
    'L = Lockstep, H = Hocuspocus 4.7 (reference); ×1 one instance, ×3 three instances behind HAProxy',
    '(deploy/haproxy.cfg, leastconn; ×1 goes through it too). All store in PostgreSQL; ×3 talk through Redis.',
    '',
    renderTable(['metric', 'L×1', 'L×3', 'H×1', 'H×3', 'L×3/L×1', 'L×3/H×3', 'L×1/H×1'], rows),
    '',
    'Goal (issue 14): p99 with three instances within 1.2× of one, and not above the reference:',
    ...goals,
    '',
    `Fan-out: per board one writer, ${settings.rounds} runs × ${settings.edits} measured edits per set and size ` +
      '(one ~370-byte shape per transaction; with 20 boards the writers take turns); per edit, the time',
    '  until the LAST other client on its board observed it. Clients join through the balancer, so with',
    "  three instances about two thirds of each board's receivers sit on instances other than the writer's.",
    'What is stored when: ours appends every update to PostgreSQL before relaying it, on the instance that',
    '  received it (group commit: what arrives while a write is in flight goes in the next INSERT, every',
    '  board at once); Hocuspocus stores the whole document (an extension-database style upsert)',
    '  2 s after a change (at most 10 s), one instance at a time under a Redis lock, and',
    settings.referenceStore === 'every-update'
      ? '  (this run) also appends every update (one INSERT) before applying and relaying it, as ours does.'
      : '  relays before anything is stored (BENCH_SCALE_REFERENCE_STORE=every-update: it appends first, as ours).',
    "Server CPU per edit: user + system time of all the set's instances over the measured span, divided by",
    '  the edits (HAProxy, PostgreSQL and Redis not included). RSS: each instance after a forced GC, clients',
    '  still connected, mean over instances and runs. edits/s: measured edits that reached every receiver,',
    '  per second from the first measured edit to the last arrival; below "offered" means it fell behind.',
    `Machine load (1-minute average, ${report.meta.cpus} cores): ${fmt(report.loadAverage.atStart, 1)} at the start, ` +
      `${fmt(report.loadAverage.atEnd, 1)} at the end; all four sets stay up throughout, idle while another is measured.`,
    `Clients: all in the bench process, edits spaced so it keeps up (busiest run: ${(busiest * 100).toFixed(0)}% of its event loop` +
      (busiest > CLIENT_LOOP_WARNING
        ? "; near saturation there, so that run's figures include time the clients waited for their own loop)."
        : ').'),
    report.skippedRuns > 0 ? `Skipped ${report.skippedRuns} runs: the run's deadline came first.` : '',
    incomplete.length > 0 ? `Incomplete (some receiver missed them): ${incomplete.join('; ')}.` : '',
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n')
}
