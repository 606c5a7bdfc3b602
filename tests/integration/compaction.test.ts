import { describe, expect, it } from 'vitest'
import { defaultSyncLimits } from '../../server/sync/connection-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'
import { recordsOf } from './saved-boards-kit'

const EDITS = 20_000
const SHAPES = 200

describe('a long editing session', () => {
  // The defaults, as the server ships: COMPACT_EVERY_UPDATES 500, folded at the first 1.5 s
  // without a change (COMPACT_QUIET_MS), or at once past 8 × 500 for a board that is never quiet.
  // one author sends 20,000 separate updates at once, far past a tab's per-connection allowance
  // (tests/integration/sync-limits.test.ts covers that); here the log is what is measured
  const app = useTestServer({
    syncLimits: {
      ...defaultSyncLimits(4 * 1024 * 1024),
      updates: { perSecond: 1_000_000, burst: 1_000_000 },
      inboundBytes: { perSecond: 1e9, burst: 1e9 },
    },
  })

  it('keeps the stored log bounded through 20,000 small edits, folds it once they stop, and loads the same board after a restart', async () => {
    const board = await createTestBoard(app.url, 'Busy board')
    const author = await app.client(board.id, board.tokens.editor)

    const started = performance.now()
    // Each set is its own Yjs transaction, so its own update, message, append and relay.
    for (let i = 0; i < EDITS; i++) {
      const n = i % SHAPES
      author.records.set(`shape:s${n}`, shapeRecord(`shape:s${n}`, i, n))
    }
    const room = await app.server.rooms.peek(board.id)
    const last = author.records.get(`shape:s${(EDITS - 1) % SHAPES}`)
    await waitUntil(
      () =>
        JSON.stringify(room?.doc.getMap(BOARD_DOC.recordsMap).get(`shape:s${(EDITS - 1) % SHAPES}`)) ===
        JSON.stringify(last),
      'the server to apply the last edit',
      60_000,
    )
    await room?.flush()
    const seconds = (performance.now() - started) / 1000
    console.info(`${EDITS} edits applied and stored in ${seconds.toFixed(1)} s`)

    // mid-burst only the ceiling folds the log, so it is never longer than that
    expect(await app.server.store.countUpdates(board.id)).toBeLessThanOrEqual(8 * 500)
    await waitUntil(
      async () => (await app.server.store.countUpdates(board.id)) < 500,
      'the log to be folded once the board is quiet',
    )
    const expected = recordsOf(author)
    expect(expected).toHaveLength(SHAPES + 2) // and the board's document and page

    await app.restart()
    const reader = await app.client(board.id, board.tokens.viewer)
    expect(recordsOf(reader)).toEqual(expected)
  }, 120_000)
})
