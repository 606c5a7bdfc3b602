import { appendBounded, type LogLine } from '../../history'
import { type Random, randomStream } from '../../random'
import { canonicalHeap, EventKind, type ScheduledEvent } from './event-heap'
import { latencyMs, toSparse } from './latency-histogram'
import {
  type DrawnSystemState,
  emptyCounts,
  LATENCY_WINDOW_TICKS,
  resolve,
  TICK_US,
  topologyOf,
} from './model'
import { recordTick } from './run-history'
import { TickRun } from './traffic'

/** Drops the scheduled next request of `sources` and draws a new one from now (in place). */
export function rescheduleSources(state: DrawnSystemState, sources: readonly number[], random: Random): void {
  const topology = topologyOf(state.params)
  for (const source of sources) {
    const id = state.params.boxes[source]?.id
    if (id !== undefined) state.sourceTokens[id] = (state.sourceTokens[id] ?? 0) + 1
  }
  const run = new TickRun(state, topology, random, emptyCounts(0, 0), 0)
  for (const source of sources) run.scheduleSource(source, state.tick * TICK_US)
  const frames = new Map(state.frames.map((frame) => [frame.id, frame]))
  state.events = canonicalHeap(state.events.filter((event) => isLive(state, event, frames)))
}

/** One tick (100 ms) of traffic, then the tick's figures (in place on a copied state). */
export function advanceOneTick(state: DrawnSystemState, log: LogLine): void {
  const topology = topologyOf(state.params)
  if (state.spike?.untilTick != null && state.tick >= state.spike.untilTick) {
    state.spike = null
    rescheduleSources(state, topology.sources, randomStream(state.seed, 'spike-end', state.tick))
    log('traffic spike over')
  }
  state.tick++
  const counts = emptyCounts(state.boxes.length, state.params.calls.length)
  const run = new TickRun(
    state,
    topology,
    randomStream(state.seed, 'tick', state.tick),
    counts,
    state.tick * TICK_US,
  )
  run.run()
  run.finish()
  // scheduled timeouts and retries whose wait already ended are dropped, so state holds live work only
  state.events = canonicalHeap(state.events.filter((event) => isLive(state, event, run.frames)))

  const { totals } = state
  totals.ok += counts.ok
  totals.failed += counts.failed
  state.last = counts
  state.latencyWindow = appendBounded(state.latencyWindow, toSparse(run.latencies), LATENCY_WINDOW_TICKS)

  const hits = counts.hits.reduce((sum, n) => sum + n, 0)
  const lookups = counts.lookups.reduce((sum, n) => sum + n, 0)
  const done = counts.ok + counts.failed
  recordTick(state, {
    throughput: (counts.ok * 1_000_000) / TICK_US,
    p50: latencyMs(state.latencyWindow, 50),
    p95: latencyMs(state.latencyWindow, 95),
    p99: latencyMs(state.latencyWindow, 99),
    errorRate: done === 0 ? 0 : counts.failed / done,
    cacheHitRate: lookups === 0 ? 0 : hits / lookups,
    cost: costPerHour(state),
  })
}

/** Dollars per hour: every replica of every box, killed ones included (they are still paid for). */
export function costPerHour(state: DrawnSystemState): number {
  return resolve(state).props.reduce((sum, props) => sum + props.costPerHour * props.replicas, 0)
}

function isLive(
  state: DrawnSystemState,
  [, , kind, subject, token]: ScheduledEvent,
  frames: ReadonlyMap<number, { token: number }>,
): boolean {
  if (kind === EventKind.source) {
    const id = state.params.boxes[subject]?.id
    return id !== undefined && (state.sourceTokens[id] ?? 0) === token
  }
  const frame = frames.get(subject)
  if (!frame) return false
  return kind === EventKind.arrive || kind === EventKind.served || frame.token === token
}
