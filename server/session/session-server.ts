import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import type { Role } from '../../shared/protocol/roles'
import {
  type IntentAck,
  presenceHelloSchema,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  sessionAuthSchema,
} from '../../shared/protocol/session'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { REFUSAL, sessionIntentSchema, stateReportSchema } from '../../shared/session/intents'
import type { BoardAccess } from '../auth/board-access'
import type { Logger } from '../log'
import type { BoardStore } from '../storage/board-store'
import { Participants } from './participants'
import { SessionRooms } from './session-rooms'

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

export interface SessionChannel {
  io: Server
  sessions: SessionRooms
  close(): Promise<void>
}

/** Acks the caller if it asked for one; a client that sends no callback simply gets none. */
function replyTo(ack: unknown): (reply: IntentAck) => void {
  return typeof ack === 'function' ? (ack as (reply: IntentAck) => void) : () => {}
}

/**
 * The live-session channel: socket.io, one room per board, handshake auth by capability token,
 * presence, and the server-authoritative session (intents in, whole state out).
 */
export function attachSessionServer(
  httpServer: HttpServer,
  options: {
    access: BoardAccess
    store: BoardStore
    log: Logger
    maxMessageBytes: number
    scenarioOf: (id: string) => Scenario | undefined
  },
): SessionChannel {
  const io = new Server<SessionClientEvents, SessionServerEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      serveClient: false,
      // The Yjs endpoint shares this HTTP server: leave upgrades for other paths alone.
      destroyUpgrade: false,
      maxHttpBufferSize: Math.min(options.maxMessageBytes, 1024 * 1024),
    },
  )
  const participants = new Participants()
  const sessions = new SessionRooms({
    store: options.store,
    log: options.log,
    scenarioOf: options.scenarioOf,
    now: Date.now,
    broadcastTo: (boardId) => (state) => io.to(boardId).emit('session:state', state),
  })

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

  const publishParticipants = (boardId: string) =>
    io.to(boardId).emit('session:participants', participants.list(boardId))

  io.on('connection', async (socket: SessionSocket) => {
    const { boardId, role } = socket.data
    const session = sessions.acquire(boardId)
    void socket.join(boardId)
    socket.emit('session:welcome', { participantId: socket.id, role })
    socket.emit('session:participants', participants.list(boardId))

    socket.on('presence:hello', (payload: unknown, ack?: unknown) => {
      const reply = replyTo(ack)
      const hello = presenceHelloSchema.safeParse(payload)
      if (!hello.success) {
        return reply({ ok: false, code: 'bad_payload', message: hello.error.issues[0]?.message ?? 'invalid' })
      }
      participants.upsert(boardId, { id: socket.id, role, ...hello.data })
      reply({ ok: true })
      publishParticipants(boardId)
    })

    socket.on('session:intent', async (payload: unknown, ack?: unknown) => {
      const reply = replyTo(ack)
      const intent = sessionIntentSchema.safeParse(payload)
      if (!intent.success) {
        return reply({
          ok: false,
          code: REFUSAL.badIntent,
          message: intent.error.issues[0]?.message ?? 'invalid',
        })
      }
      const name = participants.get(boardId, socket.id)?.name ?? 'The facilitator'
      reply((await session).apply(intent.data, { role, id: socket.id, name }))
    })

    socket.on('session:report', async (payload: unknown) => {
      const report = stateReportSchema.safeParse(payload)
      if (!report.success) return
      const room = await session
      if (!room.verify(report.data)) socket.emit('session:state', room.current)
    })

    socket.on('disconnect', () => {
      if (participants.remove(boardId, socket.id)) publishParticipants(boardId)
      if ((io.sockets.adapter.rooms.get(boardId)?.size ?? 0) === 0) void sessions.release(boardId)
    })

    // Late joiners and reconnecting clients get the whole state at once.
    try {
      socket.emit('session:state', (await session).current)
    } catch (error) {
      options.log.error('could not load the session', {
        board: boardId,
        reason: error instanceof Error ? error.message : String(error),
      })
    }
  })

  return {
    io,
    sessions,
    async close() {
      await io.close()
      await sessions.closeAll()
    },
  }
}
