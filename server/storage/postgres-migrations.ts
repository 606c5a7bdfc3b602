import type pg from 'pg'
import { MIGRATIONS } from './migrations'
import { MIGRATIONS_TABLE, migrate } from './migrations/migration'

/** Any fixed number: instances starting together take turns on it, so each migration runs once. */
const MIGRATION_LOCK = 7_250_318

/** Brings the database up to the newest schema; returns the migrations it applied. */
export async function migratePostgres(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await client.query(MIGRATIONS_TABLE)
    return await migrate(
      {
        dialect: 'postgres',
        applied: async () =>
          (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map(
            (row) => row.name,
          ),
        apply: async (name, sql) => {
          await client.query('BEGIN')
          try {
            await client.query(sql)
            await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [
              name,
              new Date().toISOString(),
            ])
            await client.query('COMMIT')
          } catch (error) {
            await client.query('ROLLBACK')
            throw error
          }
        },
      },
      MIGRATIONS,
    )
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}
