import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import { z } from 'zod'
import { boardTitleSchema } from '../../shared/protocol/rest'
import {
  type Identity,
  type IntentAck,
  type LinkHandover,
  type LinkReplaced,
  linkHandoverSchema,
  linkReplacedSchema,
  type Participant,
  participantSchema,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  sessionWelcomeSchema,
  type ViewArea,
  viewAreaSchema,
} from '../../shared/protocol/session'
import {
  type Announcement,
  type SessionNotice,
  sessionNoticeSchema,
} from '../../shared/protocol/session-notices'
import type { SessionIntent, StateReport } from '../../shared/session/intents'
import { clockOffset } from '../facilitation/clock'
import { loadIdentity, saveIdentity } from './board-identity'
import { intentAckSchema, type LiveSession, liveSessionSchema, type SessionLink } from './live-session'

export type SessionSocket = Socket<SessionServerEvents, SessionClientEvents>

/** One board's live session: who is here, what the facilitator is running, and how to ask for a change. */
export interface SessionConnection {
  link: SessionLink
  /** Everyone on the board right now, this tab included; empty while disconnected. */
  participants: Participant[]
  /** This tab's participant id, once welcomed. */
  selfId: string | null
  /** The latest session state the server sent; kept (and shown) while reconnecting. */
  session: LiveSession | null
  /** Asks the server for a change; resolves with its answer, or a refusal of our own when offline. */
  sendIntent: (intent: SessionIntent) => Promise<IntentAck>
  /** Tells the server which simulation hash this tab computed for a seq. */
  report: (report: StateReport) => void
  /** What to add to this screen's clock to read the server's (ms), measured on each connection. */
  serverClockOffset: number
  /** The latest "Bring everyone here" from a facilitator, numbered so a repeat is noticed. */
  summon: { area: ViewArea; n: number } | null
  /** Facilitators: bring everyone's camera to this page area. */
  sendSummon: (area: ViewArea) => Promise<IntentAck>
  /** The latest word about who did what (a restore, a summon, a new role), numbered so a repeat is noticed. */
  notice: { notice: SessionNotice; n: number } | null
  /** Facilitators: tell everyone else about a change made on the board (a restore). */
  announce: (announcement: Announcement) => Promise<IntentAck>
  /** Who this browser is on the board, as the server signed it; also shown to the Yjs endpoint so granted roles apply there. */
  identity: Identity | null
  /** The server replaced this tab's link (someone on it was demoted) and handed it a new one. */
  handover: LinkHandover | null
  /** Facilitators: a link was replaced; the new one is for people who have not joined yet. */
  linkReplaced: LinkReplaced | null
  /** The board's title as the facilitator last renamed it during this visit; null until then. */
  renamedTitle: string | null
  /** The socket itself, for the room's quick signals (client/room/useRoomSignals.ts); null between connections. */
  socket: SessionSocket | null
}

/** How long an intent waits for the server's ack before the panel says so. */
const INTENT_TIMEOUT_MS = 8000
const CLOCK_TIMEOUT_MS = 5000
// a refused link stays refused; a crowd of newcomers from one network only has to wait
const REFUSED_HANDSHAKES: readonly string[] = [
  SESSION_REFUSAL.badHandshake,
  SESSION_REFUSAL.badToken,
  SESSION_REFUSAL.boardNotFound,
]
/** How long to wait before asking again when the server says too many people joined at once. */
const NEWCOMER_RETRY_MS = 5000
const participantsSchema = z.array(participantSchema)
const renamedSchema = z.object({ title: boardTitleSchema })

const offline: IntentAck = {
  ok: false,
  code: 'offline',
  message: 'The live session is reconnecting. Try again in a moment.',
}

/**
 * The board page's single socket.io connection: presence (hello with name and colour, the
 * participant list) and the live session (state in, intents out). socket.io reconnects on its own;
 * every (re)connection brings the whole state, so a reload or a lost network ends at the
 * facilitator's current step.
 */
export function useSessionSocket(
  boardId: string,
  token: string,
  name: string,
  color: string,
  presenceId: string,
): SessionConnection {
  const [socket, setSocket] = useState<SessionSocket | null>(null)
  const [link, setLink] = useState<SessionLink>('connecting')
  const [participants, setParticipants] = useState<Participant[]>([])
  const [selfId, setSelfId] = useState<string | null>(null)
  const [session, setSession] = useState<LiveSession | null>(null)
  const [serverClockOffset, setServerClockOffset] = useState(0)
  const [summon, setSummon] = useState<{ area: ViewArea; n: number } | null>(null)
  const [renamedTitle, setRenamedTitle] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ notice: SessionNotice; n: number } | null>(null)
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity(boardId))
  const [handover, setHandover] = useState<LinkHandover | null>(null)
  const [linkReplaced, setLinkReplaced] = useState<LinkReplaced | null>(null)
  const socketRef = useRef<SessionSocket | null>(null)

  useEffect(() => {
    // read on every (re)connection, so the identity the server issued last is the one presented
    const s: SessionSocket = io({
      auth: (send) => send({ boardId, token, identity: loadIdentity(boardId) ?? undefined }),
      // WebSocket only: the board itself needs one anyway, and without long-polling there is no request
      // in flight to fail ("session ID unknown") when the server closes a replaced or deleted link,
      // and no sticky sessions behind a load balancer
      transports: ['websocket'],
    })
    let retry: number | undefined
    socketRef.current = s
    s.on('connect', () => {
      setLink('live')
      // auto-play progress is drawn on the server's clock: learn how far ours is from it
      const sentAt = Date.now()
      s.timeout(CLOCK_TIMEOUT_MS).emit('session:clock', (error, serverNow) => {
        if (error || typeof serverNow !== 'number') return
        const receivedAt = Date.now()
        setServerClockOffset(clockOffset(sentAt, serverNow, receivedAt))
      })
    })
    let summons = 0
    s.on('view:summon', (area) => {
      const parsed = viewAreaSchema.safeParse(area)
      if (parsed.success) setSummon({ area: parsed.data, n: ++summons })
    })
    let notices = 0
    s.on('session:notice', (said) => {
      const parsed = sessionNoticeSchema.safeParse(said)
      if (parsed.success) setNotice({ notice: parsed.data, n: ++notices })
    })
    s.on('board:renamed', (board) => {
      const parsed = renamedSchema.safeParse(board)
      if (parsed.success) setRenamedTitle(parsed.data.title)
    })
    s.on('session:welcome', (welcome) => {
      const parsed = sessionWelcomeSchema.safeParse(welcome)
      if (!parsed.success) return
      saveIdentity(boardId, parsed.data.identity)
      setIdentity(parsed.data.identity)
      setSelfId(parsed.data.participantId)
    })
    s.on('session:link', (given) => {
      const parsed = linkHandoverSchema.safeParse(given)
      if (!parsed.success) return
      saveIdentity(boardId, parsed.data.identity)
      setHandover(parsed.data)
    })
    s.on('session:link-replaced', (replaced) => {
      const parsed = linkReplacedSchema.safeParse(replaced)
      if (parsed.success) setLinkReplaced(parsed.data)
    })
    s.on('session:participants', (list) => {
      const parsed = participantsSchema.safeParse(list)
      if (parsed.success) setParticipants(parsed.data)
    })
    s.on('session:state', (state) => {
      const parsed = liveSessionSchema.safeParse(state)
      if (parsed.success) setSession(parsed.data)
      else console.warn('Lockstep: the session state could not be read', parsed.error.issues[0])
    })
    s.on('connect_error', (error: Error & { data?: { code?: unknown; retryAfterMs?: unknown } }) => {
      const code = typeof error.data?.code === 'string' ? error.data.code : null
      // a refused link stays refused; anything else is the network, which socket.io retries
      setLink(code && REFUSED_HANDSHAKES.includes(code) ? 'refused' : 'reconnecting')
      if (code === SESSION_REFUSAL.tooManyNewcomers || code === SESSION_REFUSAL.storageUnavailable) {
        // socket.io does not retry a refusal from the server's middleware: we do, when it says
        const after =
          typeof error.data?.retryAfterMs === 'number' ? error.data.retryAfterMs : NEWCOMER_RETRY_MS
        retry = window.setTimeout(() => s.connect(), Math.min(Math.max(after, 1000), 60_000))
      }
    })
    s.on('disconnect', (reason) => {
      setParticipants([])
      setSelfId(null)
      setLink('reconnecting')
      // socket.io does not retry a disconnect the server asked for (a restart, a kick): we do
      if (reason === 'io server disconnect') s.connect()
    })
    setSocket(s)
    return () => {
      window.clearTimeout(retry)
      s.removeAllListeners()
      s.disconnect()
      socketRef.current = null
      setSocket(null)
      setLink('connecting')
      setParticipants([])
      setSelfId(null)
      setSession(null)
      setHandover(null)
      setIdentity(loadIdentity(boardId))
    }
  }, [boardId, token])

  useEffect(() => {
    if (!socket) return
    const hello = () => {
      socket.emit('presence:hello', { name, color, presenceId }, (ack) => {
        if (!ack.ok) console.warn(`Lockstep: the session did not take our name (${ack.message})`)
      })
    }
    if (socket.connected) hello()
    socket.on('connect', hello)
    return () => {
      socket.off('connect', hello)
    }
  }, [socket, name, color, presenceId])

  // Every request to the session is answered with an ack; silence becomes a timeout in words.
  const ask = useCallback(
    async (
      event: 'session:intent' | 'view:summon' | 'session:announce',
      payload: unknown,
    ): Promise<IntentAck> => {
      const s = socketRef.current
      if (!s?.connected) return offline
      try {
        const ack = await s.timeout(INTENT_TIMEOUT_MS).emitWithAck(event, payload as never)
        const parsed = intentAckSchema.safeParse(ack)
        return parsed.success
          ? parsed.data
          : { ok: false, code: 'bad_response', message: 'The server sent an answer this page cannot read.' }
      } catch {
        return { ok: false, code: 'timeout', message: 'The server did not answer in time. Try again.' }
      }
    },
    [],
  )
  const sendIntent = useCallback((intent: SessionIntent) => ask('session:intent', intent), [ask])
  const sendSummon = useCallback((area: ViewArea) => ask('view:summon', area), [ask])
  const announce = useCallback((said: Announcement) => ask('session:announce', said), [ask])

  const report = useCallback((stateReport: StateReport) => {
    socketRef.current?.emit('session:report', stateReport)
  }, [])

  return useMemo(
    () => ({
      link,
      participants,
      selfId,
      session,
      sendIntent,
      report,
      serverClockOffset,
      summon,
      sendSummon,
      notice,
      announce,
      identity,
      handover,
      linkReplaced,
      renamedTitle,
      socket,
    }),
    [
      link,
      participants,
      selfId,
      session,
      sendIntent,
      report,
      serverClockOffset,
      summon,
      sendSummon,
      notice,
      announce,
      identity,
      handover,
      linkReplaced,
      renamedTitle,
      socket,
    ],
  )
}
