import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../server/storage/migrations'
import { PostgresBoardStore } from '../../../server/storage/postgres-store'
import { freshSchema, TEST_DATABASE_URL } from '../../support/postgres'
import { describeBoardStoreContract } from './board-store-contract'

describeBoardStoreContract('PostgreSQL', async () => {
  const { schema, drop } = await freshSchema()
  return { store: await PostgresBoardStore.open(TEST_DATABASE_URL, { schema }), dispose: drop }
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
