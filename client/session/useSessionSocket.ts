import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import { z } from 'zod'
import { boardTitleSchema } from '../../shared/protocol/rest'
import {
  type IntentAck,
  type Participant,
  participantSchema,
  SESSION_REFUSAL,
  type SessionClientEvents,
  type SessionServerEvents,
  type ViewArea,
  viewAreaSchema,
} from '../../shared/protocol/session'
import type { SessionIntent, StateReport } from '../../shared/session/intents'
import { CLIENT_KEY } from '../facilitation/client-key'
import { clockOffset } from '../facilitation/clock'
import { intentAckSchema, type LiveSession, liveSessionSchema, type SessionLink } from './live-session'

type SessionSocket = Socket<SessionServerEvents, SessionClientEvents>

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
  /** This browser's key, also sent to the Yjs endpoint so granted roles apply there. */
  clientKey: string
  /** The board's title as the facilitator last renamed it during this visit; null until then. */
  renamedTitle: string | null
}

/** How long an intent waits for the server's ack before the panel says so. */
const INTENT_TIMEOUT_MS = 8000
const CLOCK_TIMEOUT_MS = 5000
const REFUSED_HANDSHAKES: readonly string[] = Object.values(SESSION_REFUSAL)
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
  const socketRef = useRef<SessionSocket | null>(null)

  useEffect(() => {
    const s: SessionSocket = io({ auth: { boardId, token } })
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
    s.on('board:renamed', (board) => {
      const parsed = renamedSchema.safeParse(board)
      if (parsed.success) setRenamedTitle(parsed.data.title)
    })
    s.on('session:welcome', (welcome) => setSelfId(welcome.participantId))
    s.on('session:participants', (list) => {
      const parsed = participantsSchema.safeParse(list)
      if (parsed.success) setParticipants(parsed.data)
    })
    s.on('session:state', (state) => {
      const parsed = liveSessionSchema.safeParse(state)
      if (parsed.success) setSession(parsed.data)
      else console.warn('Lockstep: the session state could not be read', parsed.error.issues[0])
    })
    s.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
      const code = typeof error.data?.code === 'string' ? error.data.code : null
      // a refused link stays refused; anything else is the network, which socket.io retries
      setLink(code && REFUSED_HANDSHAKES.includes(code) ? 'refused' : 'reconnecting')
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
      s.removeAllListeners()
      s.disconnect()
      socketRef.current = null
      setSocket(null)
      setLink('connecting')
      setParticipants([])
      setSelfId(null)
      setSession(null)
    }
  }, [boardId, token])

  useEffect(() => {
    if (!socket) return
    const hello = () => {
      socket.emit('presence:hello', { name, color, clientKey: CLIENT_KEY, presenceId }, (ack) => {
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
    async (event: 'session:intent' | 'view:summon', payload: unknown): Promise<IntentAck> => {
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
      clientKey: CLIENT_KEY,
      renamedTitle,
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
      renamedTitle,
    ],
  )
}
