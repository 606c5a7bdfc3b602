import { type AnySimEngine, type SimEngine, type SimEvent, seedSchema } from './engine'
import { getEngine } from './engines'
import { hashState } from './state-hash'
import type { SimView } from './view'

/** The state after `events`, starting from `init(params, seed)` (DESIGN.md §4). */
export function replay<P, S, E extends SimEvent>(
  engine: SimEngine<P, S, E>,
  params: P,
  seed: number,
  events: readonly E[],
): S {
  return events.reduce((state, event) => engine.apply(state, event), engine.init(params, seed))
}

/** Why an event log could not be replayed; `index` names the offending event. */
export type ReplayFailure =
  | { ok: false; code: 'unknown_engine'; message: string }
  | { ok: false; code: 'bad_seed'; message: string }
  | { ok: false; code: 'bad_params'; message: string }
  | { ok: false; code: 'bad_event'; message: string; index: number }

export type ReplayResult = { ok: true; state: unknown; view: SimView; hash: string } | ReplayFailure

/**
 * Replays untrusted JSON (a scenario file, a stored session): validates the engine id, seed,
 * params and every event before applying anything.
 */
export function replayUntrusted(
  engineId: string,
  rawParams: unknown,
  seed: unknown,
  rawEvents: readonly unknown[],
): ReplayResult {
  const engine: AnySimEngine | undefined = getEngine(engineId)
  if (!engine) return { ok: false, code: 'unknown_engine', message: `no simulation engine "${engineId}"` }
  const parsedSeed = seedSchema.safeParse(seed)
  if (!parsedSeed.success) {
    return { ok: false, code: 'bad_seed', message: 'the seed must be a 32-bit unsigned integer' }
  }
  const params = engine.params.safeParse(rawParams)
  if (!params.success) return { ok: false, code: 'bad_params', message: describeIssues(params.error) }
  const events: SimEvent[] = []
  for (const [index, raw] of rawEvents.entries()) {
    const event = engine.events.safeParse(raw)
    if (!event.success) {
      return {
        ok: false,
        code: 'bad_event',
        index,
        message: `event ${index}: ${describeIssues(event.error)}`,
      }
    }
    events.push(event.data)
  }
  const state = replay(engine, params.data, parsedSeed.data, events)
  return { ok: true, state, view: engine.view(state), hash: hashState(state) }
}

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ')
}
