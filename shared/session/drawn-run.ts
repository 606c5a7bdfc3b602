import { z } from 'zod'
import { graphSnapshotSchema } from '../diagram/graph-snapshot'
import { MAX_TICK_STEPS, seedSchema } from '../sim/engine'
import { type DrawnSystemEvent, drawnSystemEngine, drawnSystemEventSchema } from '../sim/engines/drawn-system'
import type { DrawnSystemState } from '../sim/engines/drawn-system/model'
import { TICK_US } from '../sim/engines/drawn-system/model'

/** Milliseconds of wall clock per engine tick while a run plays (10 ticks per second). */
export const DRAWN_TICK_MS = TICK_US / 1000

/** Most chaos and property changes one run may hold. */
export const MAX_DRAWN_RUN_EVENTS = 500

/**
 * A drawn diagram's run as the session would hold it (DESIGN.md §4): the snapshot frozen at Run,
 * the seed, and each chaos or property change stamped with the tick it applies at. Ticks come
 * from the server clock, so nothing is sent ten times a second: every screen derives the tick.
 */
export const drawnRunSchema = z
  .object({
    snapshot: graphSnapshotSchema,
    seed: seedSchema,
    events: z
      .array(z.object({ atTick: z.number().int().min(0), event: drawnSystemEventSchema }).strict())
      .max(MAX_DRAWN_RUN_EVENTS),
    /** Server clock (epoch ms) at tick 0 of the current play; shifted on resume. */
    startedAt: z.number(),
    /** The tick a paused run stands at; null while it plays. */
    pausedAtTick: z.number().int().min(0).nullable(),
    /** A change the room is predicting (`drawn:ask`): applied when that question's answers are revealed. */
    pendingChange: z
      .object({ questionId: z.string(), event: drawnSystemEventSchema })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
export type DrawnRun = z.infer<typeof drawnRunSchema>

/** The tick a run stands at, on the server's clock. */
export function drawnRunTick(run: Pick<DrawnRun, 'startedAt' | 'pausedAtTick'>, serverNow: number): number {
  if (run.pausedAtTick !== null) return run.pausedAtTick
  return Math.max(0, Math.floor((serverNow - run.startedAt) / DRAWN_TICK_MS))
}

/**
 * The engine's event log up to `tick`: ticks, with each stamped change applied once the run has
 * reached its tick (in the order the server accepted them). Replaying it from the start is what a
 * late joiner or a resync does.
 */
export function drawnRunEvents(run: Pick<DrawnRun, 'events'>, tick: number): DrawnSystemEvent[] {
  const log: DrawnSystemEvent[] = []
  let at = 0
  for (const { atTick, event } of run.events) {
    if (atTick > tick) break
    if (atTick > at) log.push({ type: 'tick', steps: atTick - at })
    at = Math.max(at, atTick)
    log.push(event)
  }
  if (tick > at) log.push({ type: 'tick', steps: tick - at })
  return log.flatMap((event) => (event.type === 'tick' ? splitTick(event.steps) : [event]))
}

/** What a screen keeps between frames: the state at `tick` after the first `applied` changes. */
export interface DrawnRunCursor {
  tick: number
  applied: number
  state: DrawnSystemState
}

/** The state at tick 0 before any change. */
export function startDrawnRun(run: Pick<DrawnRun, 'snapshot' | 'seed'>): DrawnRunCursor {
  return { tick: 0, applied: 0, state: drawnSystemEngine.init(run.snapshot, run.seed) }
}

/**
 * Moves a cursor on to `tick`, applying only what is new (the server stamps each change at the
 * tick the run stood at, never in the past of any screen's cursor). A cursor that is ahead of a
 * change, or past `tick`, starts again from tick 0: the result is always the replay's.
 */
export function advanceDrawnRun(cursor: DrawnRunCursor, run: DrawnRun, tick: number): DrawnRunCursor {
  const pending = run.events.slice(cursor.applied)
  const behind = cursor.tick > tick || pending.some(({ atTick }) => atTick < cursor.tick)
  const from = behind ? startDrawnRun(run) : cursor
  let { state, tick: at, applied } = from
  for (const { atTick, event } of run.events.slice(applied)) {
    if (atTick > tick) break
    if (atTick > at) state = drawnSystemEngine.apply(state, { type: 'tick', steps: atTick - at })
    at = Math.max(at, atTick)
    state = drawnSystemEngine.apply(state, event)
    applied++
  }
  if (tick > at) state = drawnSystemEngine.apply(state, { type: 'tick', steps: tick - at })
  return { tick: Math.max(at, tick), applied, state }
}

/** A tick event of any length as events the tick schema accepts (at most MAX_TICK_STEPS each). */
function splitTick(steps: number): DrawnSystemEvent[] {
  const events: DrawnSystemEvent[] = []
  for (let left = steps; left > 0; left -= MAX_TICK_STEPS)
    events.push({ type: 'tick', steps: Math.min(left, MAX_TICK_STEPS) })
  return events
}
