import { type RefObject, useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'

/** The Yjs socket's query: the identity the server issued (so granted roles apply). */
export function socketParams(identity: string | null): Record<string, string> {
  return identity ? { identity } : {}
}

/**
 * A new identity (the first visit, or a handover) joins the socket, not the document: reconnect
 * only the socket. A sync under way finishes first (a big board's is seconds of work on both
 * sides, thrown away by a reconnect); the new socket's sync then sends only what changed since.
 * `rejoining` is set while this tab closes its own socket, which is no reason to say "offline".
 */
export function useIdentityRejoin(
  providerRef: RefObject<WebsocketProvider | null>,
  identity: string | null,
  rejoining: { current: boolean },
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the provider is read when the identity changes
  useEffect(() => {
    const provider = providerRef.current
    if (!provider || provider.params.identity === (identity ?? undefined)) return
    provider.params = socketParams(identity)
    if (!provider.shouldConnect) return // refused: final until the page reloads
    if (provider.ws === null) return // no socket now: the next attempt carries the new identity
    const rejoin = () => {
      rejoining.current = true
      provider.disconnect()
      provider.connect()
    }
    if (provider.synced) return rejoin()
    const waitingOn = provider.ws
    const afterSync = (synced: boolean) => {
      if (!synced) return
      provider.off('sync', afterSync)
      // that socket closed meanwhile and y-websocket opened a new one with the new identity already
      if (provider.ws === waitingOn) rejoin()
    }
    provider.on('sync', afterSync)
    return () => provider.off('sync', afterSync)
  }, [identity])
}
