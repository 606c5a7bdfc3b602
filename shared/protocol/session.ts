import { z } from 'zod'
import type { SessionIntent, StateReport } from '../session/intents'
import type { PublicSessionState } from '../session/session-state'
import { boardIdSchema, tokenSchema } from './links'
import { LIMITS } from './rest'
import { roleSchema } from './roles'
import type { HandLower, ReactionId, RoomReaction, SummaryAck } from './room-signals'
import type { Announcement, SessionNotice } from './session-notices'

/**
 * A participant's identity on a board, as the server signed it: `<id>.<signature>`. The server
 * issues it at the first handshake; the browser keeps it per board and presents it again (socket.io
 * handshake, Yjs socket), so granted roles and votes follow the person, not a key they made up.
 */
export const identitySchema = z.string().regex(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/)
export type Identity = z.infer<typeof identitySchema>

/** socket.io handshake `auth` payload (DESIGN.md §5); an identity that does not check out is ignored. */
export const sessionAuthSchema = z.object({
  boardId: boardIdSchema,
  token: tokenSchema,
  identity: z.string().max(200).optional(),
})
export type SessionAuth = z.infer<typeof sessionAuthSchema>

export const participantNameSchema = z.string().trim().min(1).max(LIMITS.participantNameChars)
export const participantColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb')

/** Who a person is on a board, as everyone else sees them. */
export const participantSchema = z.object({
  id: z.string(),
  name: participantNameSchema,
  color: participantColorSchema,
  role: roleSchema,
  /** Their tldraw presence id, for "Follow" (absent until their canvas is up). */
  presenceId: z.string().optional(),
  /** When they raised their hand (server clock, epoch ms); absent while it is down. */
  handRaisedAt: z.number().optional(),
})
export type Participant = z.infer<typeof participantSchema>

export const presenceHelloSchema = z
  .object({
    name: participantNameSchema,
    color: participantColorSchema,
    /** The tldraw user id this tab publishes presence as, so others can follow its camera. */
    presenceId: z.string().min(1).max(80).optional(),
  })
  .strict()
export type PresenceHello = z.infer<typeof presenceHelloSchema>

/** A page-space rectangle to bring everyone's camera to. */
export const viewAreaSchema = z
  .object({
    x: z.number().finite(),
    y: z.number().finite(),
    w: z.number().finite().positive().max(1e7),
    h: z.number().finite().positive().max(1e7),
  })
  .strict()
export type ViewArea = z.infer<typeof viewAreaSchema>

/** The server's greeting: this socket's public participant id, its link's role, and its identity. */
export const sessionWelcomeSchema = z.object({
  participantId: z.string(),
  role: roleSchema,
  identity: identitySchema,
})
export type SessionWelcome = z.infer<typeof sessionWelcomeSchema>

/**
 * Your link was replaced while you were here (someone holding the same link was demoted): carry on
 * with this one. `role` is what the new link grants; `identity` is yours, signed for it.
 */
export const linkHandoverSchema = z.object({ role: roleSchema, token: tokenSchema, identity: identitySchema })
export type LinkHandover = z.infer<typeof linkHandoverSchema>

/** Facilitators: a link was replaced to take its role from someone; share the new one with latecomers. */
export const linkReplacedSchema = z.object({
  role: roleSchema,
  url: z.string(),
  /** The person who lost the link's role. */
  demotedName: z.string(),
})
export type LinkReplaced = z.infer<typeof linkReplacedSchema>

/** Server → client events. */
export interface SessionServerEvents {
  'session:welcome': (welcome: SessionWelcome) => void
  'session:link': (handover: LinkHandover) => void
  'session:link-replaced': (replaced: LinkReplaced) => void
  'session:participants': (participants: Participant[]) => void
  'session:error': (failure: { code: string; message: string }) => void
  /** The whole live session as this participant may see it, after every change and on (re)connection. */
  'session:state': (state: PublicSessionState) => void
  /** The facilitator's "Bring everyone here": the page area to show. */
  'view:summon': (area: ViewArea) => void
  /** The facilitator renamed the board. */
  'board:renamed': (board: { title: string }) => void
  /** Someone reacted (shown for a few seconds; not session state). */
  'room:reaction': (reaction: RoomReaction) => void
  /** Who did what: a restore, "Bring everyone here", a change of this participant's role. */
  'session:notice': (notice: SessionNotice) => void
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
  /** The server's clock (epoch ms), so timers do not depend on anyone's own clock. */
  'session:clock': (ack: (serverNow: number) => void) => void
  /** Facilitators: bring everyone's camera to this page area. */
  'view:summon': (area: ViewArea, ack: (ack: IntentAck) => void) => void
  /** Raise one's own hand (shown beside one's name until lowered or gone). */
  'hand:raise': (ack: (ack: IntentAck) => void) => void
  /** Lower one's own hand, or (facilitators) someone else's. */
  'hand:lower': (lower: HandLower, ack: (ack: IntentAck) => void) => void
  /** A quick reaction everyone sees for a few seconds. */
  'room:react': (reaction: { reaction: ReactionId }, ack: (ack: IntentAck) => void) => void
  /** Facilitators: the end-of-session summary so far. */
  'session:summary': (ack: (ack: SummaryAck) => void) => void
  /** Facilitators: tell everyone else about a change made on the board itself (a restore). */
  'session:announce': (announcement: Announcement, ack: (ack: IntentAck) => void) => void
}

/** Error codes of a refused socket.io handshake (surfaced as `connect_error` with `data.code`). */
export const SESSION_REFUSAL = {
  badHandshake: 'bad_handshake',
  badToken: 'unauthorized',
  boardNotFound: 'board_not_found',
  /** Too many new participants from one network address on this board; `data.retryAfterMs` says when to retry. */
  tooManyNewcomers: 'too_many_newcomers',
  /** The server could not read the link (its database is away); `data.retryAfterMs` says when to retry. */
  storageUnavailable: 'storage_unavailable',
} as const

/** The ack of a message refused because its sender sends too fast (per connection and kind). */
export const RATE_LIMITED = 'rate_limited'
