import type { Socket } from 'socket.io'
import type { Role } from '../../shared/protocol/roles'
import {
  type Participant,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  sessionAuthSchema,
} from '../../shared/protocol/session'
import type { BoardAccess } from '../auth/board-access'
import { hashToken, randomId } from '../auth/capabilities'
import type { Identities } from '../auth/identities'
import { clientAddress } from '../http/client-address'
import { type Logger, reasonOf } from '../log'
import type { KeyedBuckets } from './token-bucket'

/** When a tab refused because the database was away tries again. */
const STORAGE_RETRY_MS = 2000

/** What the server knows of one session socket once its handshake is accepted. */
export interface SessionSocketData {
  boardId: string
  /** The role of the link the socket holds now (a handover may replace the link while it is open). */
  role: Role
  /** That link's token: a facilitator's is needed to replace a link when someone is demoted. */
  token: string
  /** Who this participant is on the board: `id` keys their vote and any granted role. */
  identity: { id: string; signed: string }
  /** When the socket joined (epoch ms): the participant list is in joining order on every instance. */
  since: number
  /** What they told us in `presence:hello`, kept here so other instances read it (fetchSockets). */
  participant?: Participant
}

export type SessionSocket = Socket<
  SessionClientEvents,
  SessionServerEvents,
  Record<string, never>,
  SessionSocketData
>

/** A refused handshake: socket.io hands `data` to the client's `connect_error`. */
export class HandshakeRefusal extends Error {
  readonly data: { code: string; retryAfterMs?: number }
  constructor(code: string, message: string, retryAfterMs?: number) {
    super(message)
    this.data = retryAfterMs === undefined ? { code } : { code, retryAfterMs }
  }
}

/**
 * Admits a socket.io handshake: the link decides the role; the identity the browser presents is
 * kept when its signature fits this link, else a fresh one is issued — at most `newcomers` allows
 * per network address and board, so nobody mints a crowd of voters.
 */
export async function admitSocket(
  socket: Socket,
  deps: { access: BoardAccess; identities: Identities; newcomers: KeyedBuckets },
): Promise<SessionSocketData | HandshakeRefusal> {
  const auth = sessionAuthSchema.safeParse(socket.handshake.auth)
  if (!auth.success)
    return new HandshakeRefusal(SESSION_REFUSAL.badHandshake, 'auth must be { boardId, token }')
  const { boardId, token, identity } = auth.data
  const grant = await deps.access.authorize(boardId, token)
  if (!grant.ok) {
    const code =
      grant.failure.code === 'board_not_found' ? SESSION_REFUSAL.boardNotFound : SESSION_REFUSAL.badToken
    return new HandshakeRefusal(code, grant.failure.message)
  }
  const link = { boardId, role: grant.role, tokenHash: hashToken(token) }
  let id = deps.identities.verify(link, identity)
  if (!id) {
    const newcomer = `${clientAddress(socket.request)} ${boardId}`
    if (!deps.newcomers.take(newcomer)) {
      return new HandshakeRefusal(
        SESSION_REFUSAL.tooManyNewcomers,
        'Many people joined this board from your network just now. Trying again in a moment.',
        deps.newcomers.retryAfterMs(newcomer),
      )
    }
    id = randomId()
  }
  return {
    boardId,
    role: grant.role,
    token,
    identity: { id, signed: deps.identities.issue(link, id) },
    since: Date.now(),
  }
}

/** socket.io middleware admitting each handshake (admitSocket); storage away refuses it for now, and the tab retries. */
export function admitting(deps: {
  access: BoardAccess
  identities: Identities
  newcomers: KeyedBuckets
  log: Logger
}): (socket: Socket, next: (error?: Error) => void) => Promise<void> {
  return async (socket, next) => {
    try {
      const admitted = await admitSocket(socket, deps)
      if (admitted instanceof HandshakeRefusal) return next(admitted)
      socket.data = admitted
      next()
    } catch (error) {
      deps.log.error('could not admit a session socket', { reason: reasonOf(error) })
      next(
        new HandshakeRefusal(
          SESSION_REFUSAL.storageUnavailable,
          'The board could not be opened just now. Trying again.',
          STORAGE_RETRY_MS,
        ),
      )
    }
  }
}

/**
 * The link may have been replaced (or the board deleted) between the handshake and joining the
 * board's room, after that change swept the room: looked at once more once the socket is in it.
 */
export async function recheckLink(socket: SessionSocket, access: BoardAccess): Promise<void> {
  const grant = await access.authorize(socket.data.boardId, socket.data.token)
  if (grant.ok && grant.role === socket.data.role) return
  const gone = !grant.ok && grant.failure.code === 'board_not_found'
  socket.emit('session:error', {
    code: gone ? 'board_not_found' : 'token_revoked',
    message: gone ? 'This board was deleted.' : 'This link has been replaced by the facilitator.',
  })
  socket.disconnect(true)
}
