import type { WebsocketProvider } from 'y-websocket'

/**
 * Makes a reconnected socket show everyone who is here at once. When its socket closes, y-websocket
 * removes the other tabs' awareness states but y-protocols keeps their clocks, so the server's
 * "who is here" on the next socket (the same states, the same clocks) is ignored as old news: a
 * peer stays invisible (no cursor, nobody to follow) until their own state next changes, up to
 * 15 s for someone who sits still. Forgetting those clocks when the socket closes lets that list
 * through. Returns the function that stops doing so.
 */
export function acceptPeersAfterReconnect(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status !== 'disconnected') return
    for (const clientId of [...awareness.meta.keys()]) {
      if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId)
    }
  }
  provider.on('status', onStatus)
  return () => provider.off('status', onStatus)
}
