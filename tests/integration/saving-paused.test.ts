import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'

describe('a locked SQLite file', () => {
  const app = useTestServer()

  it('pauses saving on the board, keeps /healthz answering, relays nothing unstored, and resumes once the lock goes', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    const b = await app.client(board.id, board.tokens.editor)
    a.records.set('shape:before', shapeRecord('shape:before'))
    await waitUntil(() => b.records.has('shape:before'), 'an edit before the lock')

    // A second connection to the same file takes the write lock, as a backup tool or a sqlite3 shell would.
    const locker = new Database(path.join(app.server.dataDir, 'lockstep.db'))
    locker.exec('BEGIN EXCLUSIVE')
    try {
      a.records.set('shape:locked', shapeRecord('shape:locked'))
      await waitUntil(
        () => a.notices.some((n) => n.kind === 'saving-paused'),
        'a to be told saving is paused',
      )
      await waitUntil(() => b.notices.some((n) => n.kind === 'saving-paused'), 'b to be told too')
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
      expect(b.records.has('shape:locked')).toBe(false) // held, never relayed while unstored
    } finally {
      locker.exec('COMMIT')
      locker.close()
    }

    await waitUntil(() => b.records.has('shape:locked'), 'the held edit to arrive once the lock is gone')
    await waitUntil(() => a.notices.some((n) => n.kind === 'saving-resumed'), 'a to be told saving resumed')
    const stored = new Y.Doc()
    Y.applyUpdate(stored, (await app.server.store.loadDocument(board.id)) ?? new Uint8Array())
    expect(stored.getMap(BOARD_DOC.recordsMap).has('shape:locked')).toBe(true)
  })
})
