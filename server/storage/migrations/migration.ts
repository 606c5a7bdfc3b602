import { Umzug } from 'umzug'

export type Dialect = 'sqlite' | 'postgres'

/** One numbered schema change, written for each engine; the list only ever grows at its end. */
export interface Migration {
  /** `NNN-what`, sorted by its number. */
  name: string
  sqlite: string
  postgres: string
}

/** What a store offers the migration runner. */
export interface MigrationTarget {
  dialect: Dialect
  /** Names of the migrations this database has applied. */
  applied(): Promise<string[]>
  /** Runs the migration's SQL and records its name in one transaction. */
  apply(name: string, sql: string): Promise<void>
}

/** The `schema_migrations` table each target keeps its applied names in. */
export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT PRIMARY KEY,
  applied_at TEXT NOT NULL
)`

/**
 * Applies, in order, the migrations the database lacks (umzug decides which and in what order).
 * Each is recorded inside its own transaction, so a crash never leaves one half-applied or applied
 * but unrecorded; umzug's own bookkeeping call therefore has nothing left to do.
 */
export async function migrate(target: MigrationTarget, migrations: readonly Migration[]): Promise<string[]> {
  const umzug = new Umzug({
    migrations: migrations.map((migration) => ({
      name: migration.name,
      up: () => target.apply(migration.name, migration[target.dialect]),
    })),
    storage: {
      executed: () => target.applied(),
      logMigration: async () => {},
      unlogMigration: async () => {
        throw new Error('Lockstep migrations only go forward; restore a backup to go back.')
      },
    },
    logger: undefined,
  })
  const done = await umzug.up()
  return done.map((migration) => migration.name)
}
