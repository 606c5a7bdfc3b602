import type { WebsocketProvider } from 'y-websocket'

/** How often this tab notes that its main thread is free. */
const TICK_MS = 1000
/** y-websocket's silence limit (its `messageReconnectTimeout`). */
export const SILENCE_MS = 30_000
/** After a block, how long what arrived meanwhile has to be read before silence counts again. */
export const GRACE_MS = 5000

/**
 * When y-websocket last heard from the server, as its silence check should see it: after a blocked
 * main thread (ticks overdue) no earlier than GRACE_MS short of the limit, since what arrived
 * meanwhile waits to be read. Only a grace, never "now": a socket that is really dead is still
 * closed GRACE_MS after the block ends.
 */
export function heardAt(now: number, lastTick: number, lastMessage: number): number {
  const blocked = now - lastTick > 2 * TICK_MS
  return blocked ? Math.max(lastMessage, now - SILENCE_MS + GRACE_MS) : lastMessage
}

/**
 * y-websocket closes a socket that heard nothing for 30 s. After a long task (drawing 20,000
 * records takes that long here) its check ran before the messages queued meanwhile were read, and
 * closed a healthy socket: the board went offline and synced again (issue 16). Its check reads
 * `wsLastMessageReceived`, which this makes forgive a blocked main thread. Returns the undo.
 */
export function forgiveBlockedMainThread(provider: WebsocketProvider): () => void {
  let lastMessage = provider.wsLastMessageReceived
  let lastTick = Date.now()
  const timer = window.setInterval(() => {
    const now = Date.now()
    lastMessage = heardAt(now, lastTick, lastMessage)
    lastTick = now
  }, TICK_MS)
  Object.defineProperty(provider, 'wsLastMessageReceived', {
    configurable: true,
    get: () => heardAt(Date.now(), lastTick, lastMessage),
    set: (at: number) => {
      lastMessage = at
    },
  })
  return () => {
    window.clearInterval(timer)
    Object.defineProperty(provider, 'wsLastMessageReceived', {
      configurable: true,
      writable: true,
      value: lastMessage,
    })
  }
}
