import type { IncomingMessage } from 'node:http'
import { type OriginPolicy, originAllowed as pageMayAct } from '../http/origin-policy'

/**
 * Whether a WebSocket upgrade (or socket.io handshake) may proceed given its Origin header: the
 * same rule as state-changing REST requests. Browsers always send Origin, so a page on another site
 * cannot ride a visitor's link into a board; a request without one is not from a browser page.
 */
export function originAllowed(request: IncomingMessage, policy: OriginPolicy): boolean {
  return pageMayAct(request.headers.origin, request.headers.host?.toLowerCase(), policy)
}
