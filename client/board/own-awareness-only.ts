import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'

const MESSAGE_AWARENESS = 1

/**
 * Makes the provider send only this tab's own awareness state. y-websocket re-sends every change it
 * hears, other people's included, so each cursor move would come back to the server once per
 * participant; the server relays to everyone already. Returns the function that restores the default.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  const onChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === provider) return // heard from the server
    const own = awareness.clientID
    if (![...added, ...updated, ...removed].includes(own)) return
    const ws = provider.ws
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [own]))
    ws.send(encoding.toUint8Array(encoder))
  }
  awareness.off('update', provider._awarenessUpdateHandler)
  awareness.on('update', onChange)
  return () => {
    awareness.off('update', onChange)
    awareness.on('update', provider._awarenessUpdateHandler)
  }
}
