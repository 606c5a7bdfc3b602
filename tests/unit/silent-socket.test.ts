import { describe, expect, it } from 'vitest'
import { heardAt } from '../../client/board/silent-socket'

describe('when y-websocket last heard from the server, as its silence check sees it', () => {
  it('is the last message while the main thread keeps up', () => {
    expect(heardAt(100_000, 99_500, 60_000)).toBe(60_000)
  })

  it('is now when the main thread was blocked, so a long task never closes a healthy socket', () => {
    // the last tick was 35 s ago: the messages that arrived meanwhile have not been read yet
    expect(heardAt(100_000, 65_000, 60_000)).toBe(100_000)
  })
})
