import { describe, expect, it } from 'vitest'
import { GRACE_MS, heardAt, SILENCE_MS } from '../../client/board/silent-socket'

describe('when y-websocket last heard from the server, as its silence check sees it', () => {
  it('is the last message while the main thread keeps up', () => {
    expect(heardAt(100_000, 99_500, 60_000)).toBe(60_000)
  })

  it('gives a grace after a blocked main thread, so a long task never closes a healthy socket', () => {
    // the last tick was 35 s ago: the messages that arrived meanwhile have not been read yet
    const seen = heardAt(100_000, 65_000, 60_000)
    expect(100_000 - seen).toBe(SILENCE_MS - GRACE_MS) // silent for less than the limit
  })

  it('keeps a recent message when it is newer than the grace', () => {
    expect(heardAt(100_000, 65_000, 99_000)).toBe(99_000)
  })

  it('still lets a dead socket be found once the block is over', () => {
    // blocked until 100 s; no message since 60 s. A tick at 100 s records the grace, and with
    // the main thread free again (ticks on time) the silence passes the limit GRACE_MS later.
    const afterBlock = heardAt(100_000, 65_000, 60_000)
    const later = 100_000 + GRACE_MS + 1
    expect(later - heardAt(later, later - 500, afterBlock)).toBeGreaterThan(SILENCE_MS)
  })
})
