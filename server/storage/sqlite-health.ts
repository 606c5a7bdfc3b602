import Database from 'better-sqlite3'
import { StorageBusy, StorageCorrupt } from './board-store'

/**
 * Opens the SQLite file and runs `PRAGMA quick_check` before anything reads it, so a damaged file
 * stops the server with what to do instead of serving half a board. A write waits at most
 * `busyTimeoutMs` for a lock (better-sqlite3 blocks the event loop while it waits).
 */
export function openCheckedDatabase(file: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { timeout: busyTimeoutMs })
    const rows = db.pragma('quick_check') as { quick_check: string }[]
    const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok')
    if (problems.length > 0) throw new StorageCorrupt(damaged(file, problems.slice(0, 3).join('; ')))
    return db
  } catch (error) {
    db?.close()
    if (error instanceof StorageCorrupt) throw error
    if (error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) {
      throw new StorageCorrupt(damaged(file, error.message))
    }
    throw error
  }
}

function damaged(file: string, detail: string): string {
  return (
    `The database file ${file} failed its integrity check (${detail}). Lockstep will not serve it. ` +
    'Stop the server, move this file (and any -wal and -shm files beside it) out of the way, then ' +
    'restore your latest backup to that path, or start with an empty DATA_DIR.'
  )
}

/** Runs a write; a lock held by someone else becomes StorageBusy (retry later), not a failure. */
export function busyAsStorageBusy<T>(write: () => T): T {
  try {
    return write()
  } catch (error) {
    if (error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)) {
      throw new StorageBusy(`database busy: ${error.message}`)
    }
    throw error
  }
}
