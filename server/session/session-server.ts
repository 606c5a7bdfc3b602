import type { Server as HttpServer } from 'node:http'
import { Server, type ServerOptions } from 'socket.io'
import { canDriveSession, type Role } from '../../shared/protocol/roles'
import {
  type IntentAck,
  presenceHelloSchema,
  RATE_LIMITED,
  type SessionClientEvents,
  type SessionServerEvents,
  viewAreaSchema,
} from '../../shared/protocol/session'
import { announcementSchema } from '../../shared/protocol/session-notices'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { REFUSAL, stateReportSchema } from '../../shared/session/intents'
import { publicSessionState, type SessionState } from '../../shared/session/session-state'
import type { BoardAccess } from '../auth/board-access'
import type { Identities } from '../auth/identities'
import { originAllowed } from '../auth/websocket-origins'
import type { BoardBus } from '../bus/board-bus'
import type { ClockLeases } from '../bus/clock-leases'
import type { OriginPolicy } from '../http/origin-policy'
import { type Logger, reasonOf } from '../log'
import type { BoardStore } from '../storage/board-store'
import type { BoardRooms } from '../sync/board-rooms'
import { ConnectionLimits, type SessionEventKind } from './connection-limits'
import { attachIntents, findParticipant } from './intent-channel'
import { LinkHandover } from './link-handover'
import { ParticipantLists } from './participant-lists'
import { Participants } from './participants'
import { attachRoomSignals } from './room-signals'
import { admitting, recheckLink, type SessionSocket, type SessionSocketData } from './session-handshake'
import { SessionRooms } from './session-rooms'
import { viewsOf } from './state-views'
import { KeyedBuckets, type RateLimit } from './token-bucket'

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

/** What people are told when a link stops working on any instance (the bus says which). */
const LINKS_CLOSED = {
  'link-replaced': {
    code: 'token_revoked',
    message: 'This link has been replaced by the facilitator. Ask them for the new one.',
  },
  'board-deleted': { code: 'board_not_found', message: 'This board was deleted by its facilitator.' },
} as const
const ALL_ROLES: Role[] = ['facilitator', 'editor', 'viewer']
/** How often each instance reads its boards' participants again, so people on a dead instance go. */
const PARTICIPANTS_REFRESH_MS = 5000

const TOO_FAST: IntentAck = {
  ok: false,
  code: RATE_LIMITED,
  message: 'That was a lot at once. Wait a moment, then try again.',
}

/**
 * The live-session channel: socket.io, one room per board, handshake auth by capability token,
 * presence, and the server-authoritative session (intents in, whole state out).
 */
export function attachSessionServer(
  httpServer: HttpServer,
  options: {
    access: BoardAccess
    identities: Identities
    store: BoardStore
    /** The Yjs side, whose sockets on a replaced link are closed when someone is demoted. */
    rooms: BoardRooms
    log: Logger
    /** The other instances (a LocalBus when alone). */
    bus: BoardBus
    /** Which instance runs each board's auto-play clock. */
    clock: ClockLeases
    /** socket.io's adapter across instances (Redis); absent: the in-memory default of one process. */
    adapter?: ServerOptions['adapter']
    maxMessageBytes: number
    /** Browser origins allowed to connect; undefined: same-origin only. */
    allowedOrigins: OriginPolicy
    scenarioOf: (id: string) => Scenario | undefined
    workshopSegments: (workshopId: string) => number | undefined
    /**
     * Told of each board's session whenever it is loaded or changes; answers whether that changed
     * who may do what (editing lock, granted roles).
     */
    onPolicy: (boardId: string, state: SessionState) => boolean
    /** A participant's role now: granted by the facilitator to their identity, else their link's. */
    roleOf: (boardId: string, linkRole: Role, identityId: string) => Role
    /** New identities per network address and board (the rest present the one they were given). */
    newIdentities: RateLimit
    /** What one connection may send of each kind of message. */
    sessionEvents: RateLimit
    /** Someone joined the board's live session. */
    onSessionJoin?: (boardId: string) => void
    /** The board's last participant left (`everyone-left`), or the facilitator ended the workshop. */
    onSessionEnd?: (boardId: string, why: 'everyone-left' | 'workshop-ended') => void
  },
): SessionChannel {
  const io = new Server<SessionClientEvents, SessionServerEvents, Record<string, never>, SessionSocketData>(
    httpServer,
    {
      serveClient: false,
      ...(options.adapter ? { adapter: options.adapter } : {}),
      // The Yjs endpoint shares this HTTP server: leave upgrades for other paths alone.
      destroyUpgrade: false,
      maxHttpBufferSize: Math.min(options.maxMessageBytes, 1024 * 1024),
      // A page on another site may not open a session with a visitor's link (both transports).
      allowRequest: (request, callback) => callback(null, originAllowed(request, options.allowedOrigins)),
    },
  )
  const participants = new Participants()
  /** The role a socket acts with now (its link's, or what the facilitator granted), on any instance. */
  const roleNow = (socket: { data: SessionSocketData }) =>
    options.roleOf(socket.data.boardId, socket.data.role, socket.data.identity.id)
  const lists = new ParticipantLists({
    io,
    participants,
    bus: options.bus,
    roleOf: (data) => roleNow({ data }),
    log: options.log,
  })
  /** Whose vote is whose: the identity, or for an anonymous question a one-way ballot key (Identities.ballotKey). */
  const voterKey = (socket: SessionSocket, question: { id: string; anonymous: boolean } | null) =>
    question?.anonymous
      ? options.identities.ballotKey(socket.data.boardId, question.id, socket.data.identity.id)
      : socket.data.identity.id
  // Everyone gets the same session, except their own role and what only they may see of a checkpoint.
  const sendState = (socket: SessionSocket, state: SessionState) => {
    socket.emit(
      'session:state',
      publicSessionState(state, { role: roleNow(socket), identityId: voterKey(socket, state.checkpoint) }),
    )
  }
  const socketsOn = (boardId: string): SessionSocket[] =>
    [...(io.sockets.adapter.rooms.get(boardId) ?? [])].flatMap((id) => {
      const socket = io.sockets.sockets.get(id)
      return socket ? [socket] : []
    })
  /** Says why, then disconnects this instance's sockets on the board that joined with one of `roles`. */
  const closeHere = (boardId: string, failure: { code: string; message: string }, roles: readonly Role[]) => {
    for (const socket of socketsOn(boardId)) {
      if (!roles.includes(socket.data.role)) continue
      socket.emit('session:error', failure)
      socket.disconnect(true)
    }
  }
  const sessions = new SessionRooms({
    store: options.store,
    log: options.log,
    bus: options.bus,
    clock: options.clock,
    onBusMessage: (message, boardId) => {
      if (message.kind === 'participants') return lists.heard(boardId, message.lowerHand)
      if (message.kind === 'hand-over') return void handover.handOverHere(boardId, message)
      closeHere(boardId, LINKS_CLOSED[message.reason], message.roles)
    },
    scenarioOf: options.scenarioOf,
    workshopSegments: options.workshopSegments,
    now: Date.now,
    onState: (state, boardId) => {
      if (options.onPolicy(boardId, state)) lists.refresh(boardId) // someone's role changed
    },
    broadcastTo: (boardId) => (state) => {
      const viewers = socketsOn(boardId).map((socket) => ({
        socketId: socket.id,
        role: roleNow(socket),
        voterKey: voterKey(socket, state.checkpoint),
      }))
      // this instance's sockets only: every instance sends its own people their views
      for (const { view, socketIds } of viewsOf(state, viewers))
        io.local.to(socketIds).emit('session:state', view)
    },
  })

  const onBoard = (boardId: string, participantId: string) => findParticipant(io, boardId, participantId)
  // Alone, every change is seen as it happens; with others, a dead instance's people go at the next reading.
  const refreshing = setInterval(() => {
    if (options.adapter) for (const boardId of sessions.boards()) lists.refresh(boardId)
  }, PARTICIPANTS_REFRESH_MS)
  refreshing.unref()

  const handover = new LinkHandover({
    store: options.store,
    identities: options.identities,
    rooms: options.rooms,
    bus: options.bus,
    socketsOn,
    everyoneOn: async (boardId) => (await io.in(boardId).fetchSockets()).map((socket) => socket.data),
    roleNow,
  })
  const newcomers = new KeyedBuckets(options.newIdentities)

  io.use(admitting({ access: options.access, identities: options.identities, newcomers, log: options.log }))

  const nameOf = (socket: SessionSocket) =>
    participants.get(socket.data.boardId, socket.id)?.name ?? 'The facilitator'

  io.on('connection', async (socket: SessionSocket) => {
    const { boardId } = socket.data
    const session = sessions.acquire(boardId)
    const limits = new ConnectionLimits(options.sessionEvents)
    // Each kind of message has its own allowance per connection; beyond it the sender alone hears "slow down".
    const limited = (kind: SessionEventKind, ack: unknown): boolean => {
      if (limits.allow(kind)) return false
      replyTo(ack)(TOO_FAST)
      return true
    }
    void socket.join(boardId)
    recheckLink(socket, options.access).catch((error: unknown) =>
      options.log.warn('could not recheck a session link', { reason: reasonOf(error) }),
    )
    options.onSessionJoin?.(boardId)
    const { role, identity } = socket.data
    socket.emit('session:welcome', { participantId: socket.id, role, identity: identity.signed })
    lists.refresh(boardId)

    socket.on('presence:hello', (payload: unknown, ack?: unknown) => {
      if (limited('hello', ack)) return
      const reply = replyTo(ack)
      const hello = presenceHelloSchema.safeParse(payload)
      if (!hello.success) {
        return reply({ ok: false, code: 'bad_payload', message: hello.error.issues[0]?.message ?? 'invalid' })
      }
      const changed = participants.upsert(boardId, { id: socket.id, role: socket.data.role, ...hello.data })
      reply({ ok: true })
      if (changed) lists.changed(boardId, socket.id) // the same hello again tells nobody anything
      void session.then((room) => room.attend(hello.data.name)).catch(() => {})
    })

    attachRoomSignals(socket, {
      boardId,
      participants,
      store: options.store,
      session,
      limited,
      roleNow,
      participantChanged: (socketId) => lists.changed(boardId, socketId),
      lowerHandElsewhere: (participantId) => lists.lowerHandElsewhere(boardId, participantId),
      emitToBoard: (reaction) => io.to(boardId).emit('room:reaction', reaction),
      now: Date.now,
    })

    attachIntents(socket, {
      session,
      limited,
      roleNow,
      voterKey,
      nameOf,
      onBoard,
      handover,
      rooms: options.rooms,
      onWorkshopEnd: () => options.onSessionEnd?.(boardId, 'workshop-ended'),
    })

    socket.on('session:clock', (ack: unknown) => {
      if (!limits.allow('clock')) return // the client times out and keeps its last offset
      if (typeof ack === 'function') ack(Date.now())
    })

    socket.on('view:summon', (payload: unknown, ack?: unknown) => {
      if (limited('summon', ack)) return
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
      socket.to(boardId).emit('session:notice', { kind: 'view-summoned', by: nameOf(socket) })
      reply({ ok: true })
    })

    socket.on('session:announce', (payload: unknown, ack?: unknown) => {
      if (limited('announce', ack)) return
      const reply = replyTo(ack)
      if (!canDriveSession(roleNow(socket))) {
        return reply({ ok: false, code: REFUSAL.notFacilitator, message: 'Only a facilitator can announce.' })
      }
      const announcement = announcementSchema.safeParse(payload)
      if (!announcement.success)
        return reply({ ok: false, code: REFUSAL.badIntent, message: 'not an announcement' })
      socket.to(boardId).emit('session:notice', { ...announcement.data, by: nameOf(socket) })
      reply({ ok: true })
    })

    socket.on('session:report', async (payload: unknown) => {
      if (!limits.allow('report')) return // a report is only a check; the next one will do
      const report = stateReportSchema.safeParse(payload)
      if (!report.success) return
      const room = await session
      if (!room.verify(report.data)) sendState(socket, room.current)
    })

    socket.on('disconnect', () => {
      if (participants.remove(boardId, socket.id)) lists.changed(boardId, socket.id)
      if ((io.sockets.adapter.rooms.get(boardId)?.size ?? 0) > 0) return
      // nobody left here: this instance lets the board go; the session ends when nobody is left anywhere
      const released = sessions.release(boardId)
      void io
        .in(boardId)
        .fetchSockets()
        .then(async (anywhere) => {
          await released
          if (anywhere.length === 0) options.onSessionEnd?.(boardId, 'everyone-left')
        })
        .catch(() => {})
    })

    // Late joiners and reconnecting clients get the whole state at once.
    try {
      sendState(socket, (await session).current)
    } catch (error) {
      options.log.error('could not load the session', {
        board: boardId,
        reason: reasonOf(error),
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
    disconnect(boardId, failure, roles = ALL_ROLES) {
      closeHere(boardId, failure, roles)
      // the other instances close theirs (Yjs and session) at once
      const reason = failure.code === 'board_not_found' ? 'board-deleted' : 'link-replaced'
      options.bus.publish(boardId, { kind: 'close-links', roles: [...roles], reason, keep: [] })
    },
    async close() {
      clearInterval(refreshing)
      await io.close()
      await sessions.closeAll()
    },
  }
}
