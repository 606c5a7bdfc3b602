import { describeMachine, type MachineMeta } from './lib/bench-main'
import { ratio } from './lib/stats'
import { fmt, fmtRatio, renderTable } from './lib/table'
import type { BoardMemoryResult } from './scenarios/board-memory'
import type { FanoutSummary } from './scenarios/fanout-latency'
import type { BenchSettings } from './sync'

/** One figure per server. */
export type PerServer<T> = { lockstep: T; classic: T }

interface Samples {
  samplesMs: number[]
  medianMs: number
}

/** Everything `npm run bench` measured; written as bench/results/sync.json. */
export interface SyncReport {
  meta: MachineMeta & { settings: BenchSettings }
  fanout: PerServer<FanoutSummary>[]
  initialSync: PerServer<Samples> & { records: number; stateBytes: number; lockstepCold: Samples }
  memory: PerServer<BoardMemoryResult>
}

function row(label: string, ours: number, reference: number, digits = 1): string[] {
  return [label, fmt(ours, digits), fmt(reference, digits), fmtRatio(ratio(ours, reference))]
}

const KiB = 1024

/** The report as a plain-text table with a few lines saying what each figure is. */
export function renderReport(report: SyncReport): string {
  const { settings } = report.meta
  const rows: string[][] = []
  for (const { lockstep, classic } of report.fanout) {
    const label = `fan-out, ${lockstep.clients} clients, 1 edit/${lockstep.intervalMs} ms`
    rows.push(row(`${label}: p50 (ms)`, lockstep.p50Ms, classic.p50Ms, 2))
    rows.push(row(`${label}: p99 (ms)`, lockstep.p99Ms, classic.p99Ms, 2))
    rows.push(
      row(`${label}: server CPU per edit (µs)`, lockstep.serverCpuUsPerEdit, classic.serverCpuUsPerEdit, 0),
    )
  }
  const sync = report.initialSync
  rows.push(
    row(
      `initial sync, ${sync.records.toLocaleString('en')} records (ms)`,
      sync.lockstep.medianMs,
      sync.classic.medianMs,
    ),
  )
  rows.push(row('initial sync, board cold in ours (ms) ¹', sync.lockstepCold.medianMs, sync.classic.medianMs))
  const mem = report.memory
  rows.push(
    row('RSS per loaded board (KiB) ²', mem.lockstep.rssPerBoard / KiB, mem.classic.rssPerBoard / KiB, 0),
  )
  rows.push(
    row(
      'V8 heap per loaded board (KiB) ²',
      mem.lockstep.heapPerBoard / KiB,
      mem.classic.heapPerBoard / KiB,
      0,
    ),
  )

  const fan = settings.fanout
  const busiest = Math.max(
    ...report.fanout.flatMap((f) => [f.lockstep.clientLoopUtilization, f.classic.clientLoopUtilization]),
  )
  const incomplete = report.fanout
    .flatMap(({ lockstep, classic }) => [lockstep, classic])
    .filter((r) => r.incomplete > 0)
    .map((r) => `${r.incomplete} edits at ${r.clients} clients`)
  return [
    describeMachine('Lockstep sync benchmark', report.meta),
    'ours = Lockstep (SQLite in a temp DATA_DIR); reference = y-websocket@1.5.4 bin/utils (in memory only).',
    '',
    renderTable(['metric', 'ours', 'reference', 'ours/ref'], rows),
    '',
    `Fan-out: one writer, ${fan.rounds} runs × ${fan.edits} edits per server (one ~370-byte shape per transaction);`,
    '  per edit, the time until the LAST other client observed it. All clients share the bench process',
    `  (busiest run: ${(busiest * 100).toFixed(0)}% busy), so much of each figure is the clients applying N−1 copies, the same`,
    '  for both servers; server CPU per edit is the cleaner measure of what the server itself spends.',
    `Initial sync: median of ${settings.initialSync.repeats} fresh clients, provider construction to 'synced', ` +
      `${(sync.stateBytes / 1024 / 1024).toFixed(1)} MiB of state.`,
    '¹ ours after the board was unloaded (read back from SQLite), against the reference warm (it has no storage).',
    `² (RSS or heap after − before) / ${mem.lockstep.boards} boards of ${mem.lockstep.recordsPerBoard} records, ` +
      'each with one connected client, after a forced GC.',
    incomplete.length > 0 ? `Incomplete (some receiver missed them): ${incomplete.join('; ')}.` : '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
}
