import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MIGRATIONS } from '../../../server/storage/migrations'
import { PostgresBoardStore } from '../../../server/storage/postgres-store'
import { freshSchema, TEST_DATABASE_URL } from '../../support/postgres'
import { describeBoardStoreContract } from './board-store-contract'

describeBoardStoreContract('PostgreSQL', async () => {
  const { schema, drop } = await freshSchema()
  return { store: await PostgresBoardStore.open(TEST_DATABASE_URL, { schema }), dispose: drop }
})

describe('PostgreSQL update log', () => {
  it('fails only the append of a board deleted meanwhile, not the others committed with it', async () => {
    const { schema, drop } = await freshSchema()
    const store = await PostgresBoardStore.open(TEST_DATABASE_URL, { schema })
    try {
      const board = (id: string) => ({
        id,
        title: id,
        templateId: null,
        createdAt: new Date().toISOString(),
        tokenHashes: { facilitator: `${id}f`, editor: `${id}e`, viewer: `${id}v` },
        sealedLinks: { facilitator: 'f', editor: 'e' },
        originBoardId: null,
      })
      await store.createBoard(board('kept'))
      await store.createBoard(board('gone'))
      await store.deleteBoard('gone')
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      for (let i = 0; i < 3; i++) doc.getMap('tldraw').set(`shape:${i}`, { x: i })
      // the first write goes alone; the rest queue behind it and are written together
      const outcomes = await Promise.allSettled([
        store.appendUpdate('kept', updates[0] as Uint8Array),
        store.appendUpdate('gone', updates[1] as Uint8Array),
        store.appendUpdate('kept', updates[1] as Uint8Array),
        store.appendUpdate('kept', updates[2] as Uint8Array),
      ])
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ])
      const loaded = new Y.Doc()
      Y.applyUpdate(loaded, (await store.loadDocument('kept')) ?? new Uint8Array())
      expect(loaded.getMap('tldraw').toJSON()).toEqual(doc.getMap('tldraw').toJSON())
    } finally {
      await store.close()
      await drop()
    }
  })
})

describe('PostgreSQL migrations', () => {
  it('applies every migration once, even when three instances start together', async () => {
    const { schema, drop } = await freshSchema()
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() => PostgresBoardStore.open(TEST_DATABASE_URL, { schema, poolSize: 2 })),
      )
      const applied = await stores[0]?.appliedMigrations()
      expect(applied).toEqual(MIGRATIONS.map((migration) => migration.name))
      await Promise.all(stores.map((store) => store.close()))
    } finally {
      await drop()
    }
  })
})
