import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { defaultSyncLimits } from '../../server/sync/connection-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { geoShape } from '../support/board-records'
import { freshSchema, TEST_DATABASE_URL } from '../support/postgres'
import { createTestBoard, startTestServer, type TestServer } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, syncedBoardClient } from '../support/yjs-client'

const EDITS = 200

/**
 * Updates that arrive while a board's append is in flight are stored together, then relayed: one
 * merged message to each peer who sent none of them, and to each sender only the others' updates.
 * PostgreSQL's appends take a round trip, so a burst from two authors at once forms such batches.
 */
describe('relaying a batch of updates stored together', () => {
  let server: TestServer
  let drop: () => Promise<void>
  const clients: BoardClient[] = []

  beforeAll(async () => {
    const fresh = await freshSchema()
    drop = fresh.drop
    server = await startTestServer({
      databaseUrl: TEST_DATABASE_URL,
      databaseSchema: fresh.schema,
      // the bursts here are far past a person's allowance (sync-limits.test.ts covers that)
      syncLimits: {
        ...defaultSyncLimits(4 * 1024 * 1024),
        updates: { perSecond: 1_000_000, burst: 1_000_000 },
        inboundBytes: { perSecond: 1e9, burst: 1e9 },
      },
    })
  }, 60_000)

  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server?.close()
    await drop?.()
  })

  it('gives every peer everything, each author the other’s edits, and everyone fewer messages than edits', async () => {
    const board = await createTestBoard(server.url)
    const open = async () => {
      const client = await syncedBoardClient(server.url, board.id, board.tokens.editor)
      clients.push(client)
      return client
    }
    const [ana, ben, watcher] = [await open(), await open(), await open()]
    let messagesSeen = 0
    watcher.doc.on('update', () => messagesSeen++)
    // what each author hears from the server (its own edits are local, with another origin)
    const heardBy = new Map<BoardClient, number>()
    for (const author of [ana, ben]) {
      author.doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin === author.provider) heardBy.set(author, (heardBy.get(author) ?? 0) + 1)
      })
    }

    // both burst at once: each set is its own transaction, so its own update and message
    for (let i = 0; i < EDITS; i++) {
      ana.records.set(`shape:ana${i}`, geoShape(`shape:ana${i}`))
      ben.records.set(`shape:ben${i}`, geoShape(`shape:ben${i}`))
    }
    const hasAll = (client: BoardClient) =>
      [...client.records.keys()].filter((key) => /^shape:(ana|ben)\d+$/.test(key)).length === 2 * EDITS
    await waitUntil(() => [ana, ben, watcher].every(hasAll), 'every edit on every screen', 30_000)

    // nothing anyone holds is missing from storage either
    const room = await server.rooms.peek(board.id)
    await room?.flush()
    const stored = new Y.Doc()
    Y.applyUpdate(stored, (await server.store.loadDocument(board.id)) ?? new Uint8Array())
    expect(stored.getMap(BOARD_DOC.recordsMap).size).toBe(watcher.records.size)
    // the watcher heard the bursts as merged batches: fewer messages than the 400 edits
    expect(messagesSeen).toBeLessThan(2 * EDITS)
    // and each author heard the other's burst merged too, never one message per edit
    for (const author of [ana, ben]) expect(heardBy.get(author) ?? 0).toBeLessThan(EDITS)
    console.info(`${2 * EDITS} edits reached the watcher in ${messagesSeen} messages`)
  }, 60_000)
})
