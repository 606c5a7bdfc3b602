import { z } from 'zod'
import { seedSchema } from '../sim/engine'

export const SPEEDS = [0.5, 1, 2, 4] as const
export const speedSchema = z.number().min(0.5).max(4)

/** The running scenario, as the server holds it; every client derives the picture from this. */
export const simSessionSchema = z.object({
  scenarioId: z.string(),
  seed: seedSchema,
  /** Index of the step on screen: steps[0..step] have happened. */
  step: z.number().int().min(0),
  /** Failures the facilitator triggered, with the step they were triggered at. */
  failures: z.array(z.object({ id: z.string(), atStep: z.number().int().min(0) })).max(100),
  playing: z.boolean(),
  speed: speedSchema,
  /** Server clock (epoch ms) when the current step began; auto-play advances from it. */
  stepStartedAt: z.number(),
})
export type SimSession = z.infer<typeof simSessionSchema>

/** The live session of one board: one authority, a total order (`seq`), broadcast whole. */
export const sessionStateSchema = z.object({
  /** Increases by one with every accepted change. */
  seq: z.number().int().min(0),
  /** Who last drove the session, shown to everyone else as "Driven by <name>". */
  driver: z.object({ id: z.string(), name: z.string() }).nullable(),
  sim: simSessionSchema.nullable(),
})
export type SessionState = z.infer<typeof sessionStateSchema>

export const INITIAL_SESSION: SessionState = { seq: 0, driver: null, sim: null }
