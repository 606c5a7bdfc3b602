import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SqliteBoardStore } from '../../../server/storage/sqlite-store'
import { removeDir, tempDataDir } from '../../support/test-server'
import { describeBoardStoreContract } from './board-store-contract'

describeBoardStoreContract('SQLite', async () => {
  const dir = tempDataDir('lockstep-store')
  return { store: await SqliteBoardStore.open(path.join(dir, 'lockstep.db')), dispose: () => removeDir(dir) }
})

describe('SQLite store upgrades', () => {
  it('adds columns that databases made by an older Lockstep lack, keeping their boards', async () => {
    const dir = tempDataDir('lockstep-upgrade')
    const file = path.join(dir, 'lockstep.db')
    const old = new Database(file)
    old.exec(`CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, template_id TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, facilitator_hash TEXT NOT NULL,
      editor_hash TEXT NOT NULL, viewer_hash TEXT NOT NULL, sealed_for_facilitator TEXT NOT NULL,
      sealed_for_editor TEXT NOT NULL, origin_board_id TEXT);
      CREATE TABLE board_versions (id TEXT PRIMARY KEY, board_id TEXT NOT NULL, name TEXT NOT NULL,
      created_at TEXT NOT NULL, state BLOB NOT NULL, thumbnail BLOB);
      INSERT INTO boards VALUES ('b', 'Kept', NULL, '2026-01-01', '2026-01-01', 'f', 'e', 'v', 'sf', 'se', NULL);
      INSERT INTO board_versions VALUES ('v', 'b', 'Old version', '2026-01-01', x'0000', NULL);`)
    old.close()
    const store = await SqliteBoardStore.open(file)
    try {
      expect(await store.getBoard('b')).toMatchObject({
        title: 'Kept',
        originVersionId: null,
        thumbnailAt: null,
      })
      expect(await store.listVersions('b')).toEqual([
        expect.objectContaining({ name: 'Old version', kind: 'manual' }),
      ])
    } finally {
      await store.close()
      removeDir(dir)
    }
  })
})
