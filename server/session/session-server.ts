import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import type { Role } from '../../shared/protocol/roles'
import {
  type IntentAck,
  type Participant,
  presenceHelloSchema,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  sessionAuthSchema,
} from '../../shared/protocol/session'
import type { BoardAccess } from '../auth/board-access'
import type { Logger } from '../log'

interface SocketData {
  boardId: string
  role: Role
}

type SessionSocket = Socket<SessionClientEvents, SessionServerEvents, Record<string, never>, SocketData>

/** A refused handshake: socket.io hands `data` to the client's `connect_error`. */
class HandshakeRefusal extends Error {
  readonly data: { code: string }
  constructor(code: string, message: string) {
    super(message)
    this.data = { code }
  }
}

/**
 * The live-session channel: socket.io, one room per board, handshake auth by capability token.
 * For now it carries who is here; the session state machine builds on the same rooms.
 */
export function attachSessionServer(
  httpServer: HttpServer,
  options: { access: BoardAccess; log: Logger; maxMessageBytes: number },
): Server {
  const io = new Server<SessionClientEvents, SessionServerEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      serveClient: false,
      // The Yjs endpoint shares this HTTP server: leave upgrades for other paths alone.
      destroyUpgrade: false,
      maxHttpBufferSize: Math.min(options.maxMessageBytes, 1024 * 1024),
    },
  )
  const participants = new Map<string, Map<string, Participant>>()

  io.use(async (socket, next) => {
    const auth = sessionAuthSchema.safeParse(socket.handshake.auth)
    if (!auth.success)
      return next(new HandshakeRefusal(SESSION_REFUSAL.badHandshake, 'auth must be { boardId, token }'))
    const grant = await options.access.authorize(auth.data.boardId, auth.data.token)
    if (!grant.ok) {
      const code =
        grant.failure.code === 'board_not_found' ? SESSION_REFUSAL.boardNotFound : SESSION_REFUSAL.badToken
      return next(new HandshakeRefusal(code, grant.failure.message))
    }
    socket.data = { boardId: auth.data.boardId, role: grant.role }
    next()
  })

  const publish = (boardId: string) => {
    io.to(boardId).emit('session:participants', [...(participants.get(boardId)?.values() ?? [])])
  }

  io.on('connection', (socket: SessionSocket) => {
    const { boardId, role } = socket.data
    void socket.join(boardId)
    socket.emit('session:welcome', { participantId: socket.id, role })
    socket.emit('session:participants', [...(participants.get(boardId)?.values() ?? [])])

    socket.on('presence:hello', (payload: unknown, ack?: (ack: IntentAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {}
      const hello = presenceHelloSchema.safeParse(payload)
      if (!hello.success) {
        return reply({ ok: false, code: 'bad_payload', message: hello.error.issues[0]?.message ?? 'invalid' })
      }
      const board = participants.get(boardId) ?? new Map<string, Participant>()
      participants.set(boardId, board)
      board.set(socket.id, { id: socket.id, role, ...hello.data })
      reply({ ok: true })
      publish(boardId)
    })

    socket.on('disconnect', () => {
      const board = participants.get(boardId)
      if (!board?.delete(socket.id)) return
      if (board.size === 0) participants.delete(boardId)
      publish(boardId)
    })
  })

  options.log.debug('session channel ready')
  return io
}
