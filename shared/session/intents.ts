import { z } from 'zod'
import { roleSchema } from '../protocol/roles'
import { seedSchema } from '../sim/engine'
import { drawnSystemEventSchema } from '../sim/engines/drawn-system'
import { speedSchema, workshopPhaseSchema } from './session-state'
import { spotlightIntentSchemas } from './spotlight'

const idSchema = z.string().min(1).max(64)

/** A chaos or property change for a drawn run (its ticks come from the server clock). */
const drawnChangeSchema = drawnSystemEventSchema.refine(
  (e) => e.type !== 'tick',
  'ticks come from the server clock',
)

/** What a client may ask of the live session (DESIGN.md §3); the server decides. */
export const sessionIntentSchema = z.discriminatedUnion('type', [
  // the simulation
  z.object({ type: z.literal('sim:load'), scenarioId: idSchema }).strict(),
  z.object({ type: z.literal('sim:close') }).strict(),
  z.object({ type: z.literal('sim:step') }).strict(),
  z.object({ type: z.literal('sim:back') }).strict(),
  z.object({ type: z.literal('sim:play') }).strict(),
  z.object({ type: z.literal('sim:pause') }).strict(),
  z.object({ type: z.literal('sim:replay') }).strict(),
  z.object({ type: z.literal('sim:speed'), speed: speedSchema }).strict(),
  z.object({ type: z.literal('sim:trigger'), failureId: idSchema }).strict(),
  // a run of the board's own diagram
  z.object({ type: z.literal('drawn:run'), seed: seedSchema.optional() }).strict(),
  z.object({ type: z.literal('drawn:change'), event: drawnChangeSchema }).strict(),
  /** Predict, then reveal: asks the room what a change will do; the reveal applies it. */
  z.object({ type: z.literal('drawn:ask'), event: drawnChangeSchema }).strict(),
  z.object({ type: z.literal('drawn:pause') }).strict(),
  z.object({ type: z.literal('drawn:play') }).strict(),
  z.object({ type: z.literal('drawn:stop') }).strict(),
  z.object({ type: z.literal('drawn:hints'), hidden: z.boolean() }).strict(),
  z.object({ type: z.literal('drawn:editors'), allowed: z.boolean() }).strict(),
  // facilitation
  z.object({ type: z.literal('article:present'), articleId: idSchema, sectionId: idSchema }).strict(),
  z.object({ type: z.literal('article:stop') }).strict(),
  z.object({ type: z.literal('timer:start'), minutes: z.number().int().min(1).max(60) }).strict(),
  z.object({ type: z.literal('timer:stop') }).strict(),
  z.object({ type: z.literal('timer:pause') }).strict(),
  z.object({ type: z.literal('timer:resume') }).strict(),
  z.object({ type: z.literal('timer:add'), minutes: z.number().int().min(1).max(10) }).strict(),
  z
    .object({
      type: z.literal('checkpoint:open'),
      question: z.string().trim().min(3).max(240),
      options: z.array(z.string().trim().min(1).max(120)).min(2).max(6),
      answer: z.number().int().min(0).max(5).optional(),
      /** Nobody, facilitators included, sees who voted what (see checkpointStateSchema). */
      anonymous: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('checkpoint:reveal') }).strict(),
  z.object({ type: z.literal('checkpoint:close') }).strict(),
  z.object({ type: z.literal('follow:start') }).strict(),
  z.object({ type: z.literal('follow:stop') }).strict(),
  z.object({ type: z.literal('editing:lock'), locked: z.boolean() }).strict(),
  z.object({ type: z.literal('role:set'), participantId: idSchema, role: roleSchema }).strict(),
  z.object({ type: z.literal('workshop:start'), workshopId: idSchema }).strict(),
  z
    .object({
      type: z.literal('workshop:segment'),
      segment: z.number().int().min(0).max(50),
      phase: workshopPhaseSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('workshop:end') }).strict(),
  ...spotlightIntentSchemas,
  // anyone
  z
    .object({ type: z.literal('vote'), checkpointId: idSchema, option: z.number().int().min(0).max(5) })
    .strict(),
])
export type SessionIntent = z.infer<typeof sessionIntentSchema>
export type SimIntent = Extract<SessionIntent, { type: `sim:${string}` }>
export type SpotlightIntent = Extract<SessionIntent, { type: `spotlight:${string}` }>
export type DrawnIntent = Extract<SessionIntent, { type: `drawn:${string}` }>
/** A chaos or property change the driver asks of a drawn run. */
export type DrawnChange = Extract<SessionIntent, { type: 'drawn:change' }>['event']
export type FacilitationIntent = Exclude<
  SessionIntent,
  SimIntent | SpotlightIntent | DrawnIntent | { type: 'vote' }
>

/** Whether an intent drives the simulation. */
export function isSimIntent(intent: SessionIntent): intent is SimIntent {
  return intent.type.startsWith('sim:')
}

/** Whether an intent drives the run of the board's own diagram. */
export function isDrawnIntent(intent: SessionIntent): intent is DrawnIntent {
  return intent.type.startsWith('drawn:')
}

/** Why an intent was refused; sent back in the ack, never silence. */
export const REFUSAL = {
  badIntent: 'bad_intent',
  notFacilitator: 'not_facilitator',
  unknownScenario: 'unknown_scenario',
  unknownFailure: 'unknown_failure',
  noScenario: 'no_scenario',
  badStep: 'bad_step',
  noCheckpoint: 'no_checkpoint',
  checkpointRevealed: 'checkpoint_revealed',
  badOption: 'bad_option',
  badAnswer: 'bad_answer',
  unknownParticipant: 'unknown_participant',
  ownRole: 'own_role',
  needsFacilitatorLink: 'needs_facilitator_link',
  noWorkshop: 'no_workshop',
  noTimer: 'no_timer',
  predictionOpen: 'prediction_open',
  noDiagram: 'no_diagram',
  noDrawnRun: 'no_drawn_run',
  unknownBox: 'unknown_box',
  tooManyChanges: 'too_many_changes',
} as const
export type RefusalCode = (typeof REFUSAL)[keyof typeof REFUSAL]

/** A client's report of the state it computed, so the server can spot a drifted screen. */
export const stateReportSchema = z
  .object({
    seq: z.number().int().min(0),
    hash: z.string().max(64),
    /** For a drawn run: the tick the hash belongs to (its state depends on the tick, not only on seq). */
    tick: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict()
export type StateReport = z.infer<typeof stateReportSchema>
