/**
 * What to add to this screen's clock to read the server's (ms), from one `session:clock` round
 * trip: the server read its clock half-way between our send (`sentAt`) and our receipt.
 */
export function clockOffset(sentAt: number, serverNow: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2
}

/** Milliseconds left until `endsAt` (server clock), never negative. */
export function remainingMs(endsAt: number, localNow: number, offset: number): number {
  return Math.max(0, endsAt - (localNow + offset))
}

/** "9:58", "0:05", "1:00:00": a countdown as people read it, rounding up so 0:00 means time's up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const ss = String(seconds).padStart(2, '0')
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`
  return `${minutes}:${ss}`
}
