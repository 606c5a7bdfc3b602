import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { canDriveSession, type Role } from '../../shared/protocol/roles'
import {
  type IntentAck,
  presenceHelloSchema,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  sessionAuthSchema,
  viewAreaSchema,
} from '../../shared/protocol/session'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { REFUSAL, sessionIntentSchema, stateReportSchema } from '../../shared/session/intents'
import { publicSessionState, type SessionState } from '../../shared/session/session-state'
import type { BoardAccess } from '../auth/board-access'
import { originAllowed } from '../auth/websocket-origins'
import type { Logger } from '../log'
import type { BoardStore } from '../storage/board-store'
import { Participants } from './participants'
import { SessionRooms } from './session-rooms'

interface SocketData {
  boardId: string
  role: Role
  /** Identifies this participant's vote across reconnections (their clientKey, else the socket id). */
  voterKey: string
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
  /** The board's live session, if anyone has it open now. */
  liveState(boardId: string): Promise<SessionState | undefined>
  /** Tells everyone on the board its new title. */
  announceRename(boardId: string, title: string): void
  /** Says why, then disconnects the board's sockets that joined with one of `roles` (all when omitted). */
  disconnect(boardId: string, failure: { code: string; message: string }, roles?: readonly Role[]): void
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
    /** Browser origins allowed to connect; undefined: same-origin only. */
    allowedOrigins?: readonly string[] | undefined
    scenarioOf: (id: string) => Scenario | undefined
    workshopSegments: (workshopId: string) => number | undefined
    /**
     * Told of each board's session whenever it is loaded or changes; answers whether that changed
     * who may do what (editing lock, granted roles).
     */
    onPolicy: (boardId: string, state: SessionState) => boolean
    /** A participant's role now: granted by the facilitator, else their link's. */
    roleOf: (boardId: string, linkRole: Role, participantKey: string) => Role
    /** Someone joined the board's live session. */
    onSessionJoin?: (boardId: string) => void
    /** The board's last participant left (`everyone-left`), or the facilitator ended the workshop. */
    onSessionEnd?: (boardId: string, why: 'everyone-left' | 'workshop-ended') => void
  },
): SessionChannel {
  const io = new Server<SessionClientEvents, SessionServerEvents, Record<string, never>, SocketData>(
    httpServer,
    {
      serveClient: false,
      // The Yjs endpoint shares this HTTP server: leave upgrades for other paths alone.
      destroyUpgrade: false,
      maxHttpBufferSize: Math.min(options.maxMessageBytes, 1024 * 1024),
      // A page on another site may not open a session with a visitor's link (both transports).
      allowRequest: (request, callback) => callback(null, originAllowed(request, options.allowedOrigins)),
    },
  )
  const participants = new Participants()
  /** The role a socket acts with now (its link's, or what the facilitator granted). */
  const roleNow = (socket: SessionSocket) =>
    options.roleOf(socket.data.boardId, socket.data.role, socket.data.voterKey)
  // Everyone gets the same session, except their own role and what only they may see of a checkpoint.
  const sendState = (socket: SessionSocket, state: SessionState) => {
    socket.emit(
      'session:state',
      publicSessionState(state, { role: roleNow(socket), voterKey: socket.data.voterKey }),
    )
  }
  const socketsOn = (boardId: string): SessionSocket[] =>
    [...(io.sockets.adapter.rooms.get(boardId) ?? [])].flatMap((id) => {
      const socket = io.sockets.sockets.get(id)
      return socket ? [socket] : []
    })
  const publishParticipants = (boardId: string) => {
    const list = participants.list(boardId).map((p) => {
      const socket = io.sockets.sockets.get(p.id)
      return socket ? { ...p, role: roleNow(socket) } : p
    })
    io.to(boardId).emit('session:participants', list)
  }
  const sessions = new SessionRooms({
    store: options.store,
    log: options.log,
    scenarioOf: options.scenarioOf,
    workshopSegments: options.workshopSegments,
    now: Date.now,
    onState: (state, boardId) => {
      if (options.onPolicy(boardId, state)) publishParticipants(boardId) // someone's role changed
    },
    broadcastTo: (boardId) => (state) => {
      for (const socket of socketsOn(boardId)) sendState(socket, state)
    },
  })

  // The link may have been replaced (or the board deleted) between the handshake and joining the
  // board's room, after that change swept the room: look once more now that the socket is in it.
  const stillValid = async (socket: SessionSocket) => {
    const auth = sessionAuthSchema.safeParse(socket.handshake.auth)
    const grant = auth.success ? await options.access.authorize(auth.data.boardId, auth.data.token) : null
    if (grant?.ok && grant.role === socket.data.role) return
    const gone = grant && !grant.ok && grant.failure.code === 'board_not_found'
    socket.emit('session:error', {
      code: gone ? 'board_not_found' : 'token_revoked',
      message: gone ? 'This board was deleted.' : 'This link has been replaced by the facilitator.',
    })
    socket.disconnect(true)
  }

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
    socket.data = { boardId: auth.data.boardId, role: grant.role, voterKey: socket.id }
    next()
  })

  io.on('connection', async (socket: SessionSocket) => {
    const { boardId, role } = socket.data
    const session = sessions.acquire(boardId)
    void socket.join(boardId)
    void stillValid(socket)
    options.onSessionJoin?.(boardId)
    socket.emit('session:welcome', { participantId: socket.id, role })
    socket.emit('session:participants', participants.list(boardId))

    socket.on('presence:hello', (payload: unknown, ack?: unknown) => {
      const reply = replyTo(ack)
      const hello = presenceHelloSchema.safeParse(payload)
      if (!hello.success) {
        return reply({ ok: false, code: 'bad_payload', message: hello.error.issues[0]?.message ?? 'invalid' })
      }
      const { clientKey, ...person } = hello.data
      participants.upsert(boardId, { id: socket.id, role, ...person })
      reply({ ok: true })
      publishParticipants(boardId)
      if (clientKey && clientKey !== socket.data.voterKey) {
        socket.data.voterKey = clientKey
        void session.then((room) => sendState(socket, room.current)) // their own vote and role
      }
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
      const participantKeyOf = (participantId: string) => {
        const other = io.sockets.sockets.get(participantId)
        return other?.data.boardId === boardId ? other.data.voterKey : undefined
      }
      const answer = (await session).apply(intent.data, {
        role: roleNow(socket),
        id: socket.id,
        name,
        voterKey: socket.data.voterKey,
        participantKeyOf,
      })
      reply(answer)
      if (answer.ok && intent.data.type === 'workshop:end') options.onSessionEnd?.(boardId, 'workshop-ended')
    })

    socket.on('session:clock', (ack: unknown) => {
      if (typeof ack === 'function') ack(Date.now())
    })

    socket.on('view:summon', (payload: unknown, ack?: unknown) => {
      const reply = replyTo(ack)
      if (!canDriveSession(roleNow(socket))) {
        return reply({
          ok: false,
          code: REFUSAL.notFacilitator,
          message: 'Only a facilitator can bring everyone.',
        })
      }
      const area = viewAreaSchema.safeParse(payload)
      if (!area.success) return reply({ ok: false, code: REFUSAL.badIntent, message: 'not a page area' })
      socket.to(boardId).emit('view:summon', area.data)
      reply({ ok: true })
    })

    socket.on('session:report', async (payload: unknown) => {
      const report = stateReportSchema.safeParse(payload)
      if (!report.success) return
      const room = await session
      if (!room.verify(report.data)) sendState(socket, room.current)
    })

    socket.on('disconnect', () => {
      if (participants.remove(boardId, socket.id)) publishParticipants(boardId)
      if ((io.sockets.adapter.rooms.get(boardId)?.size ?? 0) === 0) {
        void sessions.release(boardId).then(() => options.onSessionEnd?.(boardId, 'everyone-left'))
      }
    })

    // Late joiners and reconnecting clients get the whole state at once.
    try {
      sendState(socket, (await session).current)
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
    async liveState(boardId) {
      const room = sessions.peek(boardId)
      return room ? (await room).current : undefined
    },
    announceRename(boardId, title) {
      io.to(boardId).emit('board:renamed', { title })
    },
    disconnect(boardId, failure, roles) {
      for (const socket of socketsOn(boardId)) {
        if (roles && !roles.includes(socket.data.role)) continue
        socket.emit('session:error', failure)
        socket.disconnect(true)
      }
    },
    async close() {
      await io.close()
      await sessions.closeAll()
    },
  }
}
