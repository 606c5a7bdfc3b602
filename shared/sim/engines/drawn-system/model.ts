import {
  BUFFER_KINDS,
  CACHING_KINDS,
  type CallMode,
  type ComponentKind,
  type ComponentProps,
  type ComponentPropsPatch,
  effectiveProps,
  ROUTING_KINDS,
} from '../../../diagram/components'
import type { GraphSnapshot } from '../../../diagram/graph-snapshot'
import type { ScheduledEvent } from './event-heap'
import type { SparseHistogram } from './latency-histogram'
import type { DrawnHistory } from './run-history'

/** One tick is 100 ms of simulated time: a run at 10 ticks per second plays in real time. */
export const TICK_US = 100_000
/** A caller with no timeout of its own still gives up after this (the socket's limit). */
export const HARD_TIMEOUT_US = 30_000_000
/** Ticks a flushed cache takes to warm back to its hit ratio (linearly). */
export const CACHE_WARM_TICKS = 100
/** Ticks of completed requests the latency percentiles are read from (1 s). */
export const LATENCY_WINDOW_TICKS = 10

/** A box's replicas as they run: when each is next free, and the starts of the requests waiting. */
export interface BoxRuntime {
  /** When each replica is next free (µs). */
  free: number[]
  /** Start times (µs, ascending) of requests waiting for a replica: FIFO, so they never decrease. */
  pending: number[]
}

/** Chaos on one box (kept only for boxes that have some, so the state stays small). */
export interface BoxChaos {
  killed: boolean
  /** Service and base latency are multiplied by this. */
  slow: number
  /** "Dependency returns errors": the share of requests that fail here. */
  errorRate: number
  /** Tick of the last cache flush, or null. */
  flushedAt: number | null
}

export const NO_CHAOS: Readonly<BoxChaos> = { killed: false, slow: 1, errorRate: 0, flushedAt: null }

/** How a call runs: its mode and share can change while the run goes on. */
export interface CallSetting {
  mode: CallMode
  share: number | null
}

/** One request's visit to a box (a call frame). */
export interface Frame {
  id: number
  box: number
  /** The caller's frame id; 0 for a client's request or an async hand-off. */
  parent: number
  /** 0 a client's request (end-to-end), 1 a sync call, 2 an async hand-off. */
  origin: 0 | 1 | 2
  /** When the client sent it (µs), for end-to-end latency. */
  startUs: number
  /** Indexes of the calls this visit makes, in order; never mutated (replaced on a re-pick). */
  plan: number[]
  step: number
  attempt: number
  /** The frame id awaited, −1 for a call lost in a partition, 0 for none. */
  waiting: number
  /** Bumped whenever a wait ends, so a stale timeout or retry does nothing. */
  token: number
}

/** Per box (or per call) counts over one tick. */
export interface TickCounts {
  arrivals: number[]
  accepted: number[]
  served: number[]
  errors: number[]
  rejected: number[]
  timeouts: number[]
  /** Service time (µs) of requests that got a replica this tick. */
  busyUs: number[]
  hits: number[]
  lookups: number[]
  /** Requests waiting for a replica and replicas busy at the end of the tick. */
  queue: number[]
  busy: number[]
  /** Attempts per call. */
  calls: number[]
  ok: number
  failed: number
  asyncDone: number
  asyncFailed: number
}

/** Running totals since tick 0; Little's law per box reads accepted, sojournUs and the tick samples. */
export interface DrawnTotals {
  arrivals: number[]
  accepted: number[]
  waitUs: number[]
  sojournUs: number[]
  errors: number[]
  calls: number[]
  ok: number
  failed: number
}

export interface DrawnSystemState {
  params: GraphSnapshot
  seed: number
  tick: number
  boxes: BoxRuntime[]
  /** Properties changed during the run, by box id, over the snapshot's. */
  changes: Record<string, ComponentPropsPatch>
  /** Chaos in force, by box id. */
  chaos: Record<string, BoxChaos>
  /** Calls whose mode or share changed during the run, by call id. */
  callChanges: Record<string, CallSetting>
  /** Bumped, per source box id, when its rate changes, so its scheduled next request is dropped. */
  sourceTokens: Record<string, number>
  frames: Frame[]
  events: ScheduledEvent[]
  nextFrameId: number
  nextSeq: number
  spike: { factor: number; untilTick: number | null } | null
  partition: { a: number[]; b: number[] } | null
  last: TickCounts
  totals: DrawnTotals
  /** The last LATENCY_WINDOW_TICKS ticks' end-to-end latencies. */
  latencyWindow: SparseHistogram[]
  /** The last 60 ticks' figures, one point a tick. */
  history: DrawnHistory
  /** The last three minutes' figures, one point a second (see run-history.ts). */
  coarse: DrawnHistory
  log: string[]
}

/** The snapshot's shape as the hot loop reads it: indexes instead of ids, kinds as flags. */
export interface Topology {
  index: ReadonlyMap<string, number>
  callIndex: ReadonlyMap<string, number>
  kinds: ComponentKind[]
  /** Outgoing call indexes per box, in snapshot order. */
  outgoing: number[][]
  target: number[]
  routing: boolean[]
  caching: boolean[]
  buffer: boolean[]
  sources: number[]
  /** Each box's properties as drawn (its kind's defaults under its own settings). */
  drawnProps: ComponentProps[]
}

const topologies = new WeakMap<GraphSnapshot, Topology>()

/** The indexes of a snapshot, computed once per snapshot object. */
export function topologyOf(graph: GraphSnapshot): Topology {
  const known = topologies.get(graph)
  if (known) return known
  const index = new Map(graph.boxes.map((box, i) => [box.id, i]))
  const outgoing: number[][] = graph.boxes.map(() => [])
  const target = graph.calls.map((call, i) => {
    outgoing[index.get(call.from) as number]?.push(i)
    return index.get(call.to) as number
  })
  const kinds = graph.boxes.map((box) => box.kind)
  const topology: Topology = {
    index,
    callIndex: new Map(graph.calls.map((call, i) => [call.id, i])),
    kinds,
    outgoing,
    target,
    routing: kinds.map((kind) => ROUTING_KINDS.has(kind)),
    caching: kinds.map((kind) => CACHING_KINDS.has(kind)),
    buffer: kinds.map((kind) => BUFFER_KINDS.has(kind)),
    sources: kinds.flatMap((kind, i) => (kind === 'client' ? [i] : [])),
    drawnProps: graph.boxes.map((box) => effectiveProps(box.kind, box.props)),
  }
  topologies.set(graph, topology)
  return topology
}

/** Empty per-tick counts for `boxes` boxes and `calls` calls. */
export function emptyCounts(boxes: number, calls: number): TickCounts {
  const zeros = () => new Array<number>(boxes).fill(0)
  return {
    arrivals: zeros(),
    accepted: zeros(),
    served: zeros(),
    errors: zeros(),
    rejected: zeros(),
    timeouts: zeros(),
    busyUs: zeros(),
    hits: zeros(),
    lookups: zeros(),
    queue: zeros(),
    busy: zeros(),
    calls: new Array<number>(calls).fill(0),
    ok: 0,
    failed: 0,
    asyncDone: 0,
    asyncFailed: 0,
  }
}

/** µs from a property in ms (whole microseconds, so state stays integral). */
export const usOf = (ms: number) => Math.round(ms * 1000)

/** What a tick reads per box and per call, resolved once from the snapshot and the changes. */
export interface Resolved {
  props: ComponentProps[]
  chaos: Readonly<BoxChaos>[]
  calls: CallSetting[]
  sourceTokens: number[]
}

/** The properties, chaos and call settings in force now, indexed like the snapshot. */
export function resolve(state: DrawnSystemState): Resolved {
  const topology = topologyOf(state.params)
  return {
    props: state.params.boxes.map((box, i) => {
      const drawn = topology.drawnProps[i] as ComponentProps
      const changed = state.changes[box.id]
      return changed ? { ...drawn, ...changed } : drawn
    }),
    chaos: state.params.boxes.map((box) => state.chaos[box.id] ?? NO_CHAOS),
    calls: state.params.calls.map(
      (call) => state.callChanges[call.id] ?? { mode: call.mode, share: call.share },
    ),
    sourceTokens: state.params.boxes.map((box) => state.sourceTokens[box.id] ?? 0),
  }
}
