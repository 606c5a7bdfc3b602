import type { IncomingMessage } from 'node:http'

/**
 * Whether a WebSocket upgrade (or socket.io handshake) may proceed given its Origin header. Browsers
 * always send Origin, so a page on another site cannot ride a visitor's link into a board. A request
 * without Origin is not from a browser page (tests, benchmarks, scripts) and is allowed.
 * `allowed` undefined means same-origin: the Origin's host must equal the request's Host header.
 */
export function originAllowed(request: IncomingMessage, allowed: readonly string[] | undefined): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  if (allowed) return allowed.includes(origin)
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return false // "null" (sandboxed frames, file: pages) and garbage
  }
  return originHost !== '' && originHost === request.headers.host?.toLowerCase()
}
