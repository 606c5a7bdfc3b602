import { io, type Socket } from 'socket.io-client'
import type { IntentAck, LinkHandover, Participant, SessionWelcome } from '../../shared/protocol/session'
import type { SessionIntent } from '../../shared/session/intents'
import type { PublicSessionState as SessionState } from '../../shared/session/session-state'
import { waitUntil } from './wait'

/** A real socket.io participant that records every session state it is sent, in order. */
export interface SessionClient {
  socket: Socket
  states: SessionState[]
  /** The identity the server issued this participant (its welcome). */
  identity: string
  /** Links the server handed this participant, in order (a demotion replaced its link). */
  handovers: LinkHandover[]
  /** The participant list as the server last sent it. */
  participants(): Participant[]
  latest(): SessionState | undefined
  intent(intent: SessionIntent): Promise<IntentAck>
  waitForSeq(seq: number): Promise<SessionState>
  close(): void
}

export async function joinSession(
  url: string,
  boardId: string,
  token: string,
  name = 'Tester',
  identity?: string,
): Promise<SessionClient> {
  const socket = io(url, {
    auth: identity ? { boardId, token, identity } : { boardId, token },
    transports: ['websocket'],
    reconnection: false,
  })
  const states: SessionState[] = []
  const handovers: LinkHandover[] = []
  let participants: Participant[] = []
  socket.on('session:participants', (list: Participant[]) => {
    participants = list
  })
  let welcome: SessionWelcome | undefined
  socket.on('session:state', (state: SessionState) => states.push(state))
  socket.on('session:welcome', (w: SessionWelcome) => {
    welcome = w
  })
  socket.on('session:link', (handover: LinkHandover) => handovers.push(handover))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  await socket.emitWithAck('presence:hello', { name, color: '#3b82f6' })
  await waitUntil(() => states.length > 0 && welcome !== undefined, 'the welcome and first session state')
  const latest = () => states.at(-1)
  return {
    socket,
    states,
    identity: welcome?.identity ?? '',
    handovers,
    participants: () => participants,
    latest,
    intent: (intent) => socket.emitWithAck('session:intent', intent) as Promise<IntentAck>,
    async waitForSeq(seq) {
      await waitUntil(() => (latest()?.seq ?? -1) >= seq, `session seq ${seq}`)
      return latest() as SessionState
    },
    close: () => socket.disconnect(),
  }
}
