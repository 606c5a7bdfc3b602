import { z } from 'zod'
import { speedSchema } from './session-state'

/** What a client may ask of the live session (DESIGN.md §3); the server decides. */
export const sessionIntentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sim:load'), scenarioId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('sim:close') }).strict(),
  z.object({ type: z.literal('sim:step') }).strict(),
  z.object({ type: z.literal('sim:back') }).strict(),
  z.object({ type: z.literal('sim:play') }).strict(),
  z.object({ type: z.literal('sim:pause') }).strict(),
  z.object({ type: z.literal('sim:replay') }).strict(),
  z.object({ type: z.literal('sim:speed'), speed: speedSchema }).strict(),
  z.object({ type: z.literal('sim:trigger'), failureId: z.string().min(1).max(64) }).strict(),
])
export type SessionIntent = z.infer<typeof sessionIntentSchema>

/** Why an intent was refused; sent back in the ack, never silence. */
export const REFUSAL = {
  badIntent: 'bad_intent',
  notFacilitator: 'not_facilitator',
  unknownScenario: 'unknown_scenario',
  unknownFailure: 'unknown_failure',
  noScenario: 'no_scenario',
  badStep: 'bad_step',
} as const
export type RefusalCode = (typeof REFUSAL)[keyof typeof REFUSAL]

/** A client's report of the state it computed, so the server can spot a drifted screen. */
export const stateReportSchema = z.object({ seq: z.number().int().min(0), hash: z.string().max(64) }).strict()
export type StateReport = z.infer<typeof stateReportSchema>
