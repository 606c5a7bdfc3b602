import type Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'
import { MIGRATIONS_TABLE, migrate } from './migrations/migration'

/**
 * Columns that databases made before numbered migrations gained in place. Such a database is
 * brought to 001-initial once, the first time a numbered build opens it; never again after.
 */
const UNNUMBERED_COLUMNS = [
  { table: 'boards', column: 'origin_version_id', ddl: 'origin_version_id TEXT' },
  { table: 'board_versions', column: 'kind', ddl: "kind TEXT NOT NULL DEFAULT 'manual'" },
  { table: 'publications', column: 'board_title', ddl: "board_title TEXT NOT NULL DEFAULT ''" },
] as const

/** Brings the SQLite file up to the newest schema; returns the migrations it applied. */
export async function migrateSqlite(db: Database.Database): Promise<string[]> {
  db.exec(MIGRATIONS_TABLE)
  adoptUnnumbered(db)
  return migrate(
    {
      dialect: 'sqlite',
      applied: async () =>
        db
          .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
          .all()
          .map((row) => row.name),
      apply: async (name, sql) =>
        db.transaction(() => {
          db.exec(sql)
          db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
            name,
            new Date().toISOString(),
          )
        })(),
    },
    MIGRATIONS,
  )
}

function adoptUnnumbered(db: Database.Database): void {
  const numbered = db.prepare('SELECT 1 FROM schema_migrations LIMIT 1').get()
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()
  if (numbered || !tables.some((table) => table.name === 'boards')) return
  for (const { table, column, ddl } of UNNUMBERED_COLUMNS) {
    if (!tables.some((t) => t.name === table)) continue
    const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all()
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${ddl}`)
  }
}
