import type { SimEngine, SimEvent } from '../../../shared/sim/engine'

/** Freezes a value and everything inside it, so any mutation throws (ES modules run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const member of Object.values(value)) deepFreeze(member)
  }
  return value
}

/** Parses raw params and events through the engine's schemas (filling defaults), as a scenario would. */
export function prepare<P, S, E extends SimEvent>(
  engine: SimEngine<P, S, E>,
  rawParams: unknown,
  rawEvents: readonly unknown[],
): { params: P; events: E[] } {
  return {
    params: engine.params.parse(rawParams),
    events: rawEvents.map((event) => engine.events.parse(event)),
  }
}

/** Every state from init through each event, each one deep-frozen before the next event sees it. */
export function frozenTrace<P, S, E extends SimEvent>(
  engine: SimEngine<P, S, E>,
  params: P,
  seed: number,
  events: readonly E[],
): S[] {
  const states = [deepFreeze(engine.init(params, seed))]
  for (const event of events) states.push(deepFreeze(engine.apply(states[states.length - 1] as S, event)))
  return states
}

/** Applies events one by one, handing each intermediate state to `visit`. */
export function step<P, S, E extends SimEvent>(
  engine: SimEngine<P, S, E>,
  state: S,
  event: E,
  times: number,
  visit: (state: S) => void,
): S {
  let current = state
  for (let i = 0; i < times; i++) {
    current = engine.apply(current, event)
    visit(current)
  }
  return current
}

/** Root mean square of a list of numbers. */
export function rms(values: readonly number[]): number {
  return Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / values.length)
}

/** Arithmetic mean of a list of numbers. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/** The value of a view metric, failing loudly when the engine does not report it or has no value. */
export function metric(
  view: { metrics: ReadonlyArray<{ id: string; value: number | null }> },
  id: string,
): number {
  const found = view.metrics.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no metric "${id}"`)
  if (found.value === null) throw new Error(`metric "${id}" has no value`)
  return found.value
}
