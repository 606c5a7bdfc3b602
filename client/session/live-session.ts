import { z } from 'zod'
import type { IntentAck } from '../../shared/protocol/session'
import { publicSessionStateSchema } from '../../shared/session/session-state'

/**
 * The part of the server's `session:state` this client reads. Picked rather than parsed whole, so
 * a field added to the session later does not break the panels that ignore it; a new tab (article,
 * timer, checkpoint) adds its field here.
 */
export const liveSessionSchema = publicSessionStateSchema
  .pick({
    seq: true,
    driver: true,
    sim: true,
    drawnRun: true,
    drawnPrevious: true,
    editorsMayRun: true,
    hintsHidden: true,
    yourRole: true,
    presentation: true,
    checkpoint: true,
    timer: true,
    follow: true,
    editingLocked: true,
    workshop: true,
    spotlight: true,
  })
  .partial({ yourRole: true })
export type LiveSession = z.infer<typeof liveSessionSchema>

/** The ack of `session:intent`, checked before the panel believes it. */
export const intentAckSchema: z.ZodType<IntentAck> = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
])

/** Whether the live session channel is up: what the panels say while it is not. */
export type SessionLink = 'connecting' | 'live' | 'reconnecting' | 'refused'
