import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { StorageCorrupt } from '../../server/storage/board-store'
import { SqliteBoardStore } from '../../server/storage/sqlite-store'
import { geoShape } from '../support/board-records'
import { createTestBoard, removeDir, startTestServer, tempDataDir } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'

const QUOTA = 64 * 1024

describe('per-board storage quota', () => {
  const app = useTestServer({ boardQuotaBytes: QUOTA })

  it('refuses changes beyond the quota, tells the sender and the facilitator, and relays nothing refused', async () => {
    const board = await createTestBoard(app.url)
    const facilitator = await app.client(board.id, board.tokens.facilitator)
    const editor = await app.client(board.id, board.tokens.editor)
    const viewer = await app.client(board.id, board.tokens.viewer)
    editor.records.set('shape:fits', shapeRecord('shape:fits'))
    await waitUntil(() => viewer.records.has('shape:fits'), 'a change within the quota')

    // valid boxes of 8 KB of text each: the content rules pass them, the quota does not
    const padding = 'z'.repeat(8 * 1024)
    for (let i = 0; i < 12; i++)
      editor.records.set(`shape:pad${i}`, geoShape(`shape:pad${i}`, { text: padding }))
    await waitUntil(() => editor.notices.some((n) => n.kind === 'board-full'), 'the editor to be told')
    await waitUntil(
      () => facilitator.notices.some((n) => n.kind === 'board-full'),
      'the facilitator to be told',
    )
    await app.server.rooms.peek(board.id).then((room) => room?.flush())
    expect(viewer.notices.some((n) => n.kind === 'board-full')).toBe(false)
    expect(viewer.records.has('shape:pad11')).toBe(false)
    expect(await app.server.store.storedBytes(board.id)).toBeLessThanOrEqual(QUOTA)
  })
})

/** Writes garbage over one page in the middle of a SQLite file. */
function corruptMiddlePage(file: string): void {
  const db = new Database(file, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.close()
  const pages = fs.statSync(file).size / pageSize
  const fd = fs.openSync(file, 'r+')
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages / 2) * pageSize)
  fs.closeSync(fd)
}

describe('integrity check at start', () => {
  it('stops the server with the file path and what to do when a middle page is corrupt', async () => {
    const dataDir = tempDataDir()
    try {
      const server = await startTestServer({ dataDir })
      const board = await createTestBoard(server.url)
      for (let i = 0; i < 400; i++)
        await server.store.appendUpdate(board.id, new Uint8Array(300).fill(i % 256))
      await server.close()
      const file = path.join(dataDir, 'lockstep.db')
      await (await SqliteBoardStore.open(file)).close() // a sound file opens
      corruptMiddlePage(file)

      await expect(SqliteBoardStore.open(file)).rejects.toThrow(StorageCorrupt)
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/child-server.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
      expect(code).not.toBe(0)
      expect(stderr).toContain(file)
      expect(stderr).toMatch(/restore your latest backup/)
    } finally {
      removeDir(dataDir)
    }
  }, 120_000)
})
