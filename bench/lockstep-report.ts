import { describeMachine, type MachineMeta } from './lib/bench-main'
import { ratio } from './lib/stats'
import { fmt, fmtRatio, renderTable } from './lib/table'
import type { LockstepBenchSettings } from './lockstep'
import type { SessionFanoutSummary } from './scenarios/session-fanout'

/** One figure per live-session server: ours, and the bare socket.io reference. */
export type PerSession<T> = { lockstep: T; socketio: T }

/** Everything the lockstep benchmark measured; written as bench/results/lockstep.json. */
export interface LockstepReport {
  meta: MachineMeta & { settings: LockstepBenchSettings }
  /** Steps of the scenario the facilitator cycles through. */
  scenarioSteps: number
  /** One session state as JSON, as ours sent it (the reference rebroadcasts the same). */
  stateBytes: number
  fanout: PerSession<SessionFanoutSummary>[]
}

function row(label: string, ours: number, reference: number, digits = 1): string[] {
  return [label, fmt(ours, digits), fmt(reference, digits), fmtRatio(ratio(ours, reference))]
}

const where = (processes: number) =>
  processes === 0 ? 'all in the bench process' : `viewers split over ${processes} child processes`

/** The report as a plain-text table with a few lines saying what each figure is. */
export function renderLockstepReport(report: LockstepReport): string {
  const { settings } = report.meta
  const rows: string[][] = []
  for (const { lockstep, socketio } of report.fanout) {
    const label = `step → last of ${lockstep.clients} clients`
    rows.push(row(`${label}: p50 (ms)`, lockstep.p50Ms, socketio.p50Ms, 2))
    rows.push(row(`${label}: p99 (ms)`, lockstep.p99Ms, socketio.p99Ms, 2))
    rows.push(
      row(
        `${lockstep.clients} clients: server CPU per step (µs)`,
        lockstep.serverCpuUsPerStep,
        socketio.serverCpuUsPerStep,
        0,
      ),
    )
    rows.push(
      row(
        `${lockstep.clients} clients: client loop busy per step (ms) ¹`,
        lockstep.clientLoop.busyMsPerStep,
        socketio.clientLoop.busyMsPerStep,
        1,
      ),
    )
  }
  const placement = [...new Set(report.fanout.map((f) => where(f.lockstep.clientProcesses)))].join('; ')
  const busiest = Math.max(
    ...report.fanout.flatMap((f) => [f.lockstep.clientLoop.utilization, f.socketio.clientLoop.utilization]),
  )
  const incomplete = report.fanout
    .flatMap(({ lockstep, socketio }) => [
      { kind: 'ours', r: lockstep },
      { kind: 'reference', r: socketio },
    ])
    .filter(({ r }) => r.incomplete > 0)
    .map(({ kind, r }) => `${r.incomplete} steps at ${r.clients} clients (${kind})`)
  return [
    describeMachine('Lockstep live-session benchmark', report.meta),
    'ours = Lockstep session channel (auth, zod-checked intents, rules, SQLite write before broadcast);',
    'reference = bare socket.io server that acks one event and rebroadcasts it to the room (nothing else).',
    '',
    renderTable(['metric', 'ours', 'reference', 'ours/ref'], rows),
    '',
    'Per step: from the facilitator emitting the change until the LAST participant (facilitator included)',
    `  had the state with the new seq; ${settings.rounds} runs × ${settings.steps} steps per server and size; the next`,
    `  step ${settings.pauseMs} ms after every participant went ${settings.quietMs} ms without a message. ` +
      `Scenario ${settings.scenarioId}`,
    `  (${report.scenarioSteps} steps): step ×${report.scenarioSteps - 1}, replay, repeat; the reference ` +
      `rebroadcasts the same ${report.stateBytes}-byte state.`,
    `  Ours: every participant said hello with a name, as the board page does. Participants: ${placement}.`,
    'Server CPU per step: user + system time of the server process over the measured steps / steps.',
    '¹ Busy time of the busiest event loop holding participants, per step: it handles every copy the server',
    '  sends (ours: the state and the participant list), one after another, where real screens each handle one.',
    `  Busiest loop overall: ${(busiest * 100).toFixed(0)}% busy, pauses included. Where it nears the latency, ` +
      'the figures',
    '  measure the bench as much as the server.',
    incomplete.length > 0 ? `Incomplete (some participant missed them): ${incomplete.join('; ')}.` : '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
}
