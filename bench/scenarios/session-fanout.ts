import { z } from 'zod'
import type { SessionIntent } from '../../shared/session/intents'
import type { BenchServer } from '../lib/server-process'
import {
  type ClientGroup,
  closeGroups,
  joinClientGroups,
  LocalClientGroup,
  monoMs,
  type SessionJoin,
} from '../lib/session-clients'
import { mean, percentile } from '../lib/stats'
import { sleep } from '../lib/wait'
import { REBROADCAST_EVENT } from '../servers/control'

export interface SessionFanoutOptions {
  /** Participants on the board, the facilitator included. */
  clients: number
  /** 0: every participant in the bench process; k: all but the facilitator split over k children. */
  clientProcesses: number
  /** Measured steps. */
  steps: number
  /** Steps made first and not measured (the first one loads the scenario on ours). */
  warmupSteps: number
  /**
   * After a step has reached everyone, wait until no participant has received anything for
   * `quietMs` (what follows the state, e.g. our participant list, is handled too; bounded by the
   * step timeout), then pause `pauseMs` before the next step.
   */
  quietMs: number
  pauseMs: number
  /** How long a step may take to reach everyone before it is counted incomplete. */
  stepTimeoutMs: number
}

/** How a facilitator makes the session change on one server. */
export interface SessionDriver {
  /** Whether participants say `presence:hello` with a name after joining, as the board page does. */
  hello: boolean
  /** The socket.io event the facilitator emits, with an ack. */
  event: string
  /** The payload of the `index`-th change (0-based), which must produce `seq`. */
  payload(index: number, seq: number): unknown
}

const ackSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
])
const ACK_TIMEOUT_MS = 10_000
const JOIN_QUIET_MS = 100

/**
 * Ours: everyone says hello (so the facilitator's "Driven by" has a name and the participant list is
 * full, as with real people), the facilitator loads `scenarioId`, then steps through it and replays
 * it from the start, over and over: step × (steps − 1), replay, step × …
 */
export function lockstepDriver(scenarioId: string, scenarioSteps: number): SessionDriver {
  const cycle = Math.max(1, scenarioSteps) // steps − 1 steps forward, then one replay
  return {
    hello: true,
    event: 'session:intent',
    payload(index): SessionIntent {
      if (index === 0) return { type: 'sim:load', scenarioId }
      return (index - 1) % cycle === cycle - 1 ? { type: 'sim:replay' } : { type: 'sim:step' }
    },
  }
}

/** The bare reference: the facilitator sends the whole next state, which the server rebroadcasts. */
export function rebroadcastDriver(sampleState: Record<string, unknown>): SessionDriver {
  return {
    hello: false,
    event: REBROADCAST_EVENT,
    payload: (_index, seq) => ({ ...sampleState, seq }),
  }
}

/** One run on a fresh board. */
export interface SessionFanoutRun {
  /** Per measured step: from emitting the change until the LAST participant had the new state. */
  latenciesMs: number[]
  /** Steps some participant did not get within the step timeout (left out of `latenciesMs`). */
  incomplete: number
  /** Server CPU (user + system) from the first measured step until the last one reached everyone. */
  serverCpuMs: number
  /** The busiest event loop holding participants meanwhile: busy share (0–1) and busy ms per step. */
  clientLoop: { utilization: number; busyMsPerStep: number }
}

/** One server at one client count, over one or more runs. */
export interface SessionFanoutSummary {
  clients: number
  clientProcesses: number
  runs: number
  steps: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  incomplete: number
  /** Each run's own median, to see the spread between runs. */
  runP50sMs: number[]
  serverCpuUsPerStep: number
  /** The busiest client event loop of all runs. */
  clientLoop: { utilization: number; busyMsPerStep: number }
}

/**
 * A facilitator and `clients − 1` viewers on a fresh board. The facilitator (in this process)
 * makes one change at a time; each participant notes when it first has a state with the new seq;
 * the step's latency runs until the last of them, the facilitator included. The next step starts
 * once every participant has gone quiet, and `pauseMs` more.
 */
export async function runSessionFanout(
  server: BenchServer,
  driver: SessionDriver,
  options: SessionFanoutOptions,
): Promise<SessionFanoutRun> {
  const board = await server.createBoard()
  const join = (token: string): SessionJoin => ({
    url: server.httpBase,
    boardId: board.id,
    token,
    hello: driver.hello,
  })
  const groups: ClientGroup[] = []
  try {
    const facilitatorGroup = await LocalClientGroup.join(join(board.tokens.facilitator), 1)
    groups.push(facilitatorGroup)
    const facilitator = facilitatorGroup.sockets[0]
    if (!facilitator) throw new Error('the facilitator did not connect')
    groups.push(
      ...(await joinClientGroups(join(board.tokens.viewer), options.clients - 1, options.clientProcesses)),
    )
    // Let the join traffic (ours: a participant list to everyone per hello) die down first.
    await Promise.all(groups.map((group) => group.quiet(JOIN_QUIET_MS, options.stepTimeoutMs)))

    globalThis.gc?.() // start each run with a clean client heap
    const total = options.warmupSteps + options.steps
    let seq = facilitatorGroup.latestSeq
    const latenciesMs: number[] = []
    let incomplete = 0
    let cpuAtStart = 0
    for (let index = 0; index < total; index++) {
      const measured = index >= options.warmupSteps
      if (index === options.warmupSteps) {
        cpuAtStart = await server.cpuMs()
        await Promise.all(groups.map((group) => group.startLoopMeter()))
      }
      seq++
      const sentAt = monoMs()
      // Arrivals are timestamped as they come, whatever this awaits meanwhile.
      const ack = ackSchema.parse(
        await facilitator.timeout(ACK_TIMEOUT_MS).emitWithAck(driver.event, driver.payload(index, seq)),
      )
      if (!ack.ok) throw new Error(`the server refused step ${index}: ${ack.code} (${ack.message})`)
      const reached = await Promise.all(groups.map((group) => group.reached(seq, options.stepTimeoutMs)))
      const last = reached.some((at) => at === null) ? null : Math.max(...(reached as number[]))
      if (measured) {
        if (last === null) incomplete++
        else latenciesMs.push(last - sentAt)
      }
      await Promise.all(groups.map((group) => group.quiet(options.quietMs, options.stepTimeoutMs)))
      await sleep(options.pauseMs)
    }
    const serverCpuMs = (await server.cpuMs()) - cpuAtStart
    const busiest = (await Promise.all(groups.map((group) => group.loopBusy()))).reduce((a, b) =>
      b.activeMs > a.activeMs ? b : a,
    )
    const clientLoop = { utilization: busiest.utilization, busyMsPerStep: busiest.activeMs / options.steps }
    return { latenciesMs, incomplete, serverCpuMs, clientLoop }
  } finally {
    await closeGroups(groups)
  }
}

/** Pools the runs of one server at one client count. */
export function summarizeSessionFanout(
  options: SessionFanoutOptions,
  runs: readonly SessionFanoutRun[],
): SessionFanoutSummary {
  const latencies = runs.flatMap((run) => run.latenciesMs)
  const steps = runs.length * options.steps
  return {
    clients: options.clients,
    clientProcesses: options.clientProcesses,
    runs: runs.length,
    steps,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    meanMs: mean(latencies),
    incomplete: runs.reduce((sum, run) => sum + run.incomplete, 0),
    runP50sMs: runs.map((run) => percentile(run.latenciesMs, 50)),
    serverCpuUsPerStep: (runs.reduce((sum, run) => sum + run.serverCpuMs, 0) * 1000) / steps,
    clientLoop: runs
      .map((run) => run.clientLoop)
      .reduce((a, b) => (b.busyMsPerStep > a.busyMsPerStep ? b : a), { utilization: 0, busyMsPerStep: 0 }),
  }
}
