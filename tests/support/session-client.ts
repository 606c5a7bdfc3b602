import { io, type Socket } from 'socket.io-client'
import type { IntentAck } from '../../shared/protocol/session'
import type { SessionIntent } from '../../shared/session/intents'
import type { PublicSessionState as SessionState } from '../../shared/session/session-state'
import { waitUntil } from './wait'

/** A real socket.io participant that records every session state it is sent, in order. */
export interface SessionClient {
  socket: Socket
  states: SessionState[]
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
  clientKey?: string,
): Promise<SessionClient> {
  const socket = io(url, { auth: { boardId, token }, transports: ['websocket'], reconnection: false })
  const states: SessionState[] = []
  socket.on('session:state', (state: SessionState) => states.push(state))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  await socket.emitWithAck('presence:hello', { name, color: '#3b82f6', ...(clientKey ? { clientKey } : {}) })
  await waitUntil(() => states.length > 0, 'the first session state')
  const latest = () => states.at(-1)
  return {
    socket,
    states,
    latest,
    intent: (intent) => socket.emitWithAck('session:intent', intent) as Promise<IntentAck>,
    async waitForSeq(seq) {
      await waitUntil(() => (latest()?.seq ?? -1) >= seq, `session seq ${seq}`)
      return latest() as SessionState
    },
    close: () => socket.disconnect(),
  }
}
