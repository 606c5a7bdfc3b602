import { describe, expect, it } from 'vitest'
import { defaultSyncLimits } from '../../server/sync/connection-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { createTestBoard, type TestServer } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, shapeRecord } from '../support/yjs-client'
import { recordsOf } from './saved-boards-kit'

const EDITS = 20_000
const SHAPES = 200

// one author sends thousands of separate updates at once, far past a tab's per-connection
// allowance (tests/integration/sync-limits.test.ts covers that); here the log is what is measured
const UNLIMITED = {
  ...defaultSyncLimits(4 * 1024 * 1024),
  updates: { perSecond: 1_000_000, burst: 1_000_000 },
  inboundBytes: { perSecond: 1e9, burst: 1e9 },
}

/** One edit, stored before the next is sent: each is an entry of its own in the log. */
async function editAndStore(server: TestServer, boardId: string, author: BoardClient, n: number) {
  author.records.set(`shape:s${n}`, shapeRecord(`shape:s${n}`, n, n))
  const room = await server.rooms.peek(boardId)
  await waitUntil(
    () => room?.doc.getMap(BOARD_DOC.recordsMap).has(`shape:s${n}`) === true,
    `the server to apply edit ${n}`,
  )
  await room?.flush()
}

describe('a long editing session', () => {
  // the defaults, as the server ships
  const app = useTestServer({ syncLimits: UNLIMITED })

  it('takes 20,000 small edits, stores them all, and loads the same board after a restart', async () => {
    const board = await createTestBoard(app.url, 'Busy board')
    const author = await app.client(board.id, board.tokens.editor)

    const started = performance.now()
    // Each set is its own Yjs transaction, so its own update and message; what arrives while a
    // write is in flight is stored with the next write
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
    const entries = await app.server.store.countUpdates(board.id)
    console.info(`${EDITS} edits applied and stored in ${seconds.toFixed(1)} s, as ${entries} log entries`)
    const expected = recordsOf(author)
    expect(expected).toHaveLength(SHAPES + 2) // and the board's document and page

    await app.restart()
    const reader = await app.client(board.id, board.tokens.viewer)
    expect(recordsOf(reader)).toEqual(expected)
  }, 120_000)
})

describe('folding the log while people edit without a pause', () => {
  // never quiet long enough within the test: only the ceiling (8 × 5 entries) folds
  const app = useTestServer({ syncLimits: UNLIMITED, compactEveryUpdates: 5, compactQuietMs: 600_000 })

  it('keeps the log within the ceiling, never folding before it', async () => {
    const board = await createTestBoard(app.url)
    const author = await app.client(board.id, board.tokens.editor)
    const lengths: number[] = []
    for (let n = 0; n < 100; n++) {
      await editAndStore(app.server, board.id, author, n)
      lengths.push(await app.server.store.countUpdates(board.id))
    }
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8 * 5)
    // it waits for the ceiling: the log passed the count many times without a fold
    expect(lengths.filter((length) => length > 5).length).toBeGreaterThan(50)
  }, 60_000)
})

describe('folding the log at a quiet moment', () => {
  const app = useTestServer({ syncLimits: UNLIMITED, compactEveryUpdates: 5, compactQuietMs: 200 })

  it('folds a long enough log once nobody has changed the board for a moment', async () => {
    const board = await createTestBoard(app.url)
    const author = await app.client(board.id, board.tokens.editor)
    for (let n = 0; n < 12; n++) await editAndStore(app.server, board.id, author, n)
    // (a slow machine may pause long enough mid-loop to fold early: what is left is then short)
    await waitUntil(
      async () => (await app.server.store.countUpdates(board.id)) < 5,
      'the log to be folded into its snapshot',
    )
    const reader = await app.client(board.id, board.tokens.viewer)
    expect(recordsOf(reader)).toEqual(recordsOf(author))
  }, 60_000)
})
