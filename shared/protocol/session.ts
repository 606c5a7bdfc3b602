import { z } from 'zod'
import type { SessionIntent, StateReport } from '../session/intents'
import type { SessionState } from '../session/session-state'
import { boardIdSchema, tokenSchema } from './links'
import { LIMITS } from './rest'
import { roleSchema } from './roles'

/** socket.io handshake `auth` payload (DESIGN.md §5). */
export const sessionAuthSchema = z.object({ boardId: boardIdSchema, token: tokenSchema })
export type SessionAuth = z.infer<typeof sessionAuthSchema>

export const participantNameSchema = z.string().trim().min(1).max(LIMITS.participantNameChars)
export const participantColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb')

/** Who a person is on a board, as everyone else sees them. */
export const participantSchema = z.object({
  id: z.string(),
  name: participantNameSchema,
  color: participantColorSchema,
  role: roleSchema,
})
export type Participant = z.infer<typeof participantSchema>

export const presenceHelloSchema = z
  .object({ name: participantNameSchema, color: participantColorSchema })
  .strict()
export type PresenceHello = z.infer<typeof presenceHelloSchema>

/** Server → client events. */
export interface SessionServerEvents {
  'session:welcome': (welcome: { participantId: string; role: z.infer<typeof roleSchema> }) => void
  'session:participants': (participants: Participant[]) => void
  'session:error': (failure: { code: string; message: string }) => void
  /** The whole live session, after every accepted change and on (re)connection. */
  'session:state': (state: SessionState) => void
}

/** Acknowledgement every client intent receives: never silence. */
export type IntentAck = { ok: true } | { ok: false; code: string; message: string }

/** Client → server events. */
export interface SessionClientEvents {
  'presence:hello': (hello: PresenceHello, ack: (ack: IntentAck) => void) => void
  /** Ask the session to change (facilitators only); the ack tells why when refused. */
  'session:intent': (intent: SessionIntent, ack: (ack: IntentAck) => void) => void
  /** Report the state hash this client computed for `seq`; a mismatch earns a resync. */
  'session:report': (report: StateReport) => void
}

/** Error codes of a refused socket.io handshake (surfaced as `connect_error` with `data.code`). */
export const SESSION_REFUSAL = {
  badHandshake: 'bad_handshake',
  badToken: 'unauthorized',
  boardNotFound: 'board_not_found',
} as const
