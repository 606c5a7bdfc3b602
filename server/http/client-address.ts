import type { IncomingMessage } from 'node:http'
import { isIPv4 } from 'node:net'

/** Whether an address is this machine (where a reverse proxy in front of us would run). */
function isLoopback(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address
  return plain === '::1' || (isIPv4(plain) && plain.startsWith('127.'))
}

/**
 * The client's network address, read the way express reads `req.ip` with `trust proxy: loopback`:
 * a proxy on this machine may say whom it forwards for (`X-Forwarded-For`), nobody else may.
 * Used where express is not in the path (socket.io handshakes).
 */
export function clientAddress(request: IncomingMessage): string {
  let address = request.socket.remoteAddress ?? 'unknown'
  const header = request.headers['x-forwarded-for']
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0)
  // walk from the nearest hop outwards while the hop that told us is trusted
  while (isLoopback(address) && forwarded.length > 0) address = forwarded.pop() ?? address
  return address
}
