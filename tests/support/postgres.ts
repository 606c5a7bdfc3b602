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
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`)
      } finally {
        await dropper.end()
      }
    },
  }
}
