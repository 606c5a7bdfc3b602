import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The machine's PostgreSQL (CI starts it): trust auth, database `test`. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A schema of its own for one test (dropped with everything in it), so tests never see each other's boards. */
export async function freshSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `lockstep_test_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(`CREATE SCHEMA ${schema}`)
  } finally {
    await client.end()
  }
  return {
    schema,
    async drop() {
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await dropper.connect()
      try {
        // a bound, not a hang: if something still holds a lock in the schema, say who
        await dropper.query(`SET lock_timeout = '10s'`)
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`).catch(async (error: Error) => {
          const holders = await dropper.query<{ pid: number; state: string; query: string }>(
            `SELECT DISTINCT a.pid, a.state, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.granted AND a.pid <> pg_backend_pid() AND a.datname = current_database()`,
          )
          throw new Error(
            `could not drop ${schema}: ${error.message}; locks held by ${JSON.stringify(holders.rows)}`,
          )
        })
      } finally {
        await dropper.end()
      }
    },
  }
}
