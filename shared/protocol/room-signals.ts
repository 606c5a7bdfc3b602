import { z } from 'zod'
import { sessionSummarySchema } from '../session/session-summary'

/**
 * Quick reactions everyone sees for a few seconds. A fixed set, so nobody can put arbitrary
 * text on everyone's screen through them.
 */
export const REACTIONS = [
  { id: 'thumbs-up', emoji: '👍', label: 'Thumbs up' },
  { id: 'clap', emoji: '👏', label: 'Applause' },
  { id: 'laugh', emoji: '😄', label: 'Laugh' },
  { id: 'wow', emoji: '😮', label: 'Wow' },
  { id: 'think', emoji: '🤔', label: 'Hmm, not sure' },
] as const
export type ReactionId = (typeof REACTIONS)[number]['id']
export const reactionIdSchema = z.enum(REACTIONS.map((r) => r.id) as [ReactionId, ...ReactionId[]])

/** How long a reaction stays on screen. */
export const REACTION_SHOW_MS = 4000

/** Client → server: send a reaction. */
export const reactionSendSchema = z.object({ reaction: reactionIdSchema }).strict()

/** Server → everyone on the board, the sender included: someone reacted. */
export const roomReactionSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  reaction: reactionIdSchema,
})
export type RoomReaction = z.infer<typeof roomReactionSchema>

/** Client → server: lower a hand; one's own without a participant id, anyone's for facilitators. */
export const handLowerSchema = z.object({ participantId: z.string().min(1).max(64).optional() }).strict()
export type HandLower = z.infer<typeof handLowerSchema>

/** The answer to a facilitator's `session:summary`. */
export const summaryAckSchema = z.union([
  z.object({ ok: z.literal(true), summary: sessionSummarySchema }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
])
export type SummaryAck = z.infer<typeof summaryAckSchema>
