import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../server/config'
import { geoShape } from '../support/board-records'
import { freshSchema, TEST_DATABASE_URL } from '../support/postgres'
import { createTestBoard, startTestServer } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { syncedBoardClient } from '../support/yjs-client'

describe('a server on PostgreSQL (DATABASE_URL)', () => {
  // two server starts: allow more than one test's usual time on a busy machine
  it('keeps boards and their edits in PostgreSQL across a restart', { timeout: 90_000 }, async () => {
    const { schema, drop } = await freshSchema()
    const database = { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema }
    try {
      const first = await startTestServer(database)
      const board = await createTestBoard(first.url, 'Kept in PostgreSQL')
      const ana = await syncedBoardClient(first.url, board.id, board.tokens.editor)
      const ben = await syncedBoardClient(first.url, board.id, board.tokens.viewer)
      for (let i = 0; i < 20; i++) ana.records.set(`shape:pg${i}`, geoShape(`shape:pg${i}`, { x: i * 10 }))
      await waitUntil(() => ben.records.has('shape:pg19'), 'the viewer to see every edit')
      ana.destroy()
      ben.destroy()
      await first.close()

      const second = await startTestServer(database)
      try {
        const again = await syncedBoardClient(second.url, board.id, board.tokens.viewer)
        for (let i = 0; i < 20; i++) expect(again.records.has(`shape:pg${i}`)).toBe(true)
        again.destroy()
        expect((await second.store.getBoard(board.id))?.title).toBe('Kept in PostgreSQL')
      } finally {
        await second.close()
      }
    } finally {
      await drop()
    }
  })

  it('refuses REDIS_URL without DATABASE_URL, and a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL needs DATABASE_URL/,
    )
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://root@localhost/test' })).toThrow(/PostgreSQL URL/)
  })

  it('takes REDIS_URL together with DATABASE_URL (several instances)', () => {
    const config = configFromEnv({ DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:6379' })
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379')
    expect(config.clockLeaseMs).toBe(3000)
  })
})
