import type { GraphSnapshotInput } from '../../../../shared/diagram/graph-snapshot'
import { drawnSystemEngine } from '../../../../shared/sim/engines/drawn-system'
import type { DrawnSystemState } from '../../../../shared/sim/engines/drawn-system/model'

export const engine = drawnSystemEngine

/** A run of a diagram from its snapshot (params parsed as the session would). */
export function start(graph: GraphSnapshotInput, seed = 1): DrawnSystemState {
  return engine.init(engine.params.parse(graph), seed)
}

/** The state after `ticks` ticks of 100 ms. */
export function run(state: DrawnSystemState, ticks: number): DrawnSystemState {
  return engine.apply(state, engine.events.parse({ type: 'tick', steps: ticks }))
}

/** Applies one raw event. */
export function apply(state: DrawnSystemState, raw: unknown): DrawnSystemState {
  return engine.apply(state, engine.events.parse(raw))
}

/** Ticks one at a time, handing each state to `visit`. */
export function eachTick(
  state: DrawnSystemState,
  ticks: number,
  visit: (state: DrawnSystemState) => void,
): DrawnSystemState {
  let current = state
  const tick = engine.events.parse({ type: 'tick' })
  for (let i = 0; i < ticks; i++) {
    current = engine.apply(current, tick)
    visit(current)
  }
  return current
}

/** Stops every source and lets the requests in flight finish (at most `limit` ticks). */
export function drain(state: DrawnSystemState, limit = 600): DrawnSystemState {
  let current = state
  state.params.boxes.forEach((box) => {
    if (box.kind === 'client')
      current = apply(current, { type: 'set-props', box: box.id, props: { ratePerSecond: 0 } })
  })
  for (let i = 0; i < limit && current.frames.length > 0; i++) current = run(current, 1)
  return current
}

/** The index of a box in the snapshot. */
export function boxIndex(state: DrawnSystemState, id: string): number {
  const index = state.params.boxes.findIndex((box) => box.id === id)
  if (index < 0) throw new Error(`no box ${id}`)
  return index
}

/** A chain client → boxes… with sync calls, each box given its own props. */
export function chain(
  rate: number,
  boxes: Array<{ id: string; kind: GraphSnapshotInput['boxes'][number]['kind']; props?: object }>,
): GraphSnapshotInput {
  const all = [{ id: 'users', kind: 'client' as const, props: { ratePerSecond: rate } }, ...boxes]
  return {
    boxes: all,
    calls: all.slice(1).map((box, i) => ({ id: `call-${i}`, from: all[i]?.id ?? '', to: box.id })),
  }
}

/** Props that make a box a plain M/M/c station: no extra latency, failures, retries or refusals. */
export const plainStation = {
  baseLatencyMs: 0,
  failureProbability: 0,
  retries: 0,
  queueLimit: 1_000_000,
  timeoutMs: null,
}

/** Three standard deviations of a binomial share estimated from n trials. */
export const threeSigma = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n)
