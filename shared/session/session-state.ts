import { z } from 'zod'
import { canDriveSession, type Role, roleSchema } from '../protocol/roles'
import { seedSchema } from '../sim/engine'
import { drawnRunSchema } from './drawn-run'
import { EMPTY_HISTORY, sessionHistorySchema } from './session-history'
import { spotlightSchema } from './spotlight'

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

/** The article section the facilitator is presenting; followers' panels show the same one. */
export const presentationSchema = z.object({ articleId: z.string(), sectionId: z.string() })
export type Presentation = z.infer<typeof presentationSchema>

/** A countdown everyone sees, on the server's clock (epoch ms), not on anyone's own clock. */
export const timerSchema = z.object({
  startedAt: z.number(),
  endsAt: z.number(),
  /** While paused: what was left when it paused (ms), and `endsAt` means nothing; null while running. */
  pausedRemainingMs: z.number().min(0).nullable().default(null),
})
export type SessionTimerState = z.infer<typeof timerSchema>

/** A predict-then-reveal question. `votes` maps a voter's identity to an option and never leaves the server. */
export const checkpointStateSchema = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.string()).min(2).max(6),
  answer: z.number().int().min(0).optional(),
  status: z.enum(['open', 'revealed']),
  /**
   * Votes by voter key. For an anonymous question the key is a one-way ballot key the server
   * derives from the voter's identity (Identities.ballotKey in server/auth), never the identity itself.
   */
  votes: z.record(z.string(), z.number().int().min(0)),
  /** Nobody, facilitators included, sees who voted what, nor the tally before the reveal. */
  anonymous: z.boolean().default(false),
})
export type CheckpointState = z.infer<typeof checkpointStateSchema>

/** A segment's beat: its question asked with the board unchanged, or the board shown. */
export const workshopPhaseSchema = z.enum(['predict', 'show'])

/** Whom everyone's camera follows ("Everyone follow me"), by participant id. */
export const followSchema = z.object({ leaderId: z.string(), leaderName: z.string() })

/** The live session of one board: one authority, a total order (`seq`). */
export const sessionStateSchema = z.object({
  /** Increases by one with every accepted change. */
  seq: z.number().int().min(0),
  /** Who last drove the session, shown to everyone else as "Driven by <name>". */
  driver: z.object({ id: z.string(), name: z.string() }).nullable(),
  sim: simSessionSchema.nullable(),
  /** The run of the board's own diagram; never at the same time as a scripted `sim`. */
  drawnRun: drawnRunSchema.nullable().default(null),
  /** The run before this one, paused where it ended, so the charts compare run A with run B. */
  drawnPrevious: drawnRunSchema.nullable().default(null),
  /** The facilitator lets editors run the drawn diagram, pause it and break it too. */
  editorsMayRun: z.boolean().default(false),
  /** The facilitator hid the design hints (e.g. during an exercise). */
  hintsHidden: z.boolean().default(false),
  presentation: presentationSchema.nullable().default(null),
  timer: timerSchema.nullable().default(null),
  checkpoint: checkpointStateSchema.nullable().default(null),
  follow: followSchema.nullable().default(null),
  /** When true only facilitators may change the board (enforced on the Yjs endpoint too). */
  editingLocked: z.boolean().default(false),
  /** The workshop plan being run, the segment on screen (0-based) and its beat (see run-of-show.ts). */
  workshop: z
    .object({ id: z.string(), segment: z.number().int().min(0), phase: workshopPhaseSchema.default('show') })
    .nullable()
    .default(null),
  /**
   * Roles the facilitator granted, by participant identity (promotions, and demotions back to the
   * link's role). Private: identities never leave the server; each participant learns only their own role.
   */
  roleGrants: z.record(z.string(), roleSchema).default({}),
  /** The area the facilitator asked everyone to look at ("Spotlight"), or null. */
  spotlight: spotlightSchema.nullable().default(null),
  /** What happened, for the end-of-session summary. Private: facilitators fetch it on request. */
  history: sessionHistorySchema.default(EMPTY_HISTORY),
})
export type SessionState = z.infer<typeof sessionStateSchema>

export const INITIAL_SESSION: SessionState = {
  seq: 0,
  driver: null,
  sim: null,
  drawnRun: null,
  drawnPrevious: null,
  editorsMayRun: false,
  hintsHidden: false,
  presentation: null,
  timer: null,
  checkpoint: null,
  follow: null,
  editingLocked: false,
  workshop: null,
  roleGrants: {},
  spotlight: null,
  history: EMPTY_HISTORY,
}

/** A checkpoint as one participant may see it: counts only once revealed (facilitators see them live unless anonymous). */
export const publicCheckpointSchema = checkpointStateSchema.omit({ votes: true, answer: true }).extend({
  voteCount: z.number().int().min(0),
  /** Votes per option; null until revealed, except for facilitators. */
  results: z.array(z.number().int().min(0)).nullable(),
  /** The expected answer, once revealed. */
  answer: z.number().int().min(0).nullable(),
  /** This participant's own vote, if any. */
  myVote: z.number().int().min(0).nullable(),
})
export type PublicCheckpoint = z.infer<typeof publicCheckpointSchema>

/** What the server sends a participant: the session minus anyone else's private votes. */
export const publicSessionStateSchema = sessionStateSchema
  .omit({ checkpoint: true, roleGrants: true, history: true })
  .extend({
    checkpoint: publicCheckpointSchema.nullable(),
    /** This participant's role now (their link's role, or what the facilitator granted). */
    yourRole: roleSchema,
  })
export type PublicSessionState = z.infer<typeof publicSessionStateSchema>

/** Tailors the session for one viewer; `identityId` finds their own vote. */
export function publicSessionState(
  state: SessionState,
  viewer: { role: Role; identityId: string },
): PublicSessionState {
  const { checkpoint, roleGrants: _private, history: _alsoPrivate, ...rest } = state
  const yourRole = viewer.role
  if (!checkpoint) return { ...rest, checkpoint: null, yourRole }
  const { votes, answer, ...question } = checkpoint
  // an anonymous tally stays hidden from facilitators too: watching it move would show who voted what
  const seesResults =
    checkpoint.status === 'revealed' || (canDriveSession(viewer.role) && !checkpoint.anonymous)
  const counts = question.options.map((_, i) => Object.values(votes).filter((v) => v === i).length)
  return {
    ...rest,
    yourRole,
    checkpoint: {
      ...question,
      voteCount: Object.keys(votes).length,
      results: seesResults ? counts : null,
      answer: seesResults ? (answer ?? null) : null,
      myVote: votes[viewer.identityId] ?? null,
    },
  }
}
