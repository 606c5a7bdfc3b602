import pg from 'pg'
import type { TokenHashes } from '../auth/capabilities'
import {
  type BoardRecord,
  type BoardStore,
  type NewBoard,
  type NewVersion,
  type PublicationRecord,
  StorageBusy,
  type StoredSession,
  type VersionRecord,
} from './board-store'
import { GroupCommit, type QueuedAppend } from './group-commit'
import { createdBoardRecord, savedVersionRecord } from './new-records'
import { failuresAsStorageBusy } from './postgres-health'
import { migratePostgres } from './postgres-migrations'
import {
  type BoardRow,
  boardFromRow,
  type PublicationRow,
  publicationFromRow,
  type VersionRow,
  versionFromRow,
} from './rows'
import { TouchThrottle } from './touch-throttle'
import { mergeLog, snapshotOf } from './yjs-log'

export interface PostgresOptions {
  /** The schema to keep Lockstep's tables in (tests use one each); default: the server's search_path. */
  schema?: string
  /** Connections this instance may hold. */
  poolSize?: number
  /** How long a query may go unanswered before the database counts as out of reach (tests shorten it). */
  queryTimeoutMs?: number
}

const BOARD_SELECT = `SELECT b.*, t.updated_at AS thumbnail_at
  FROM boards b LEFT JOIN board_thumbnails t ON t.board_id = b.id`
const VERSION_COLUMNS = `id, board_id, name, kind, created_at, thumbnail IS NOT NULL AS has_thumbnail`

const now = () => new Date().toISOString()

/** No query of ours takes near this long; past it the database is treated as out of reach. */
const QUERY_TIMEOUT_MS = 30_000
/** A transaction left open by a vanished instance gives up its locks after this long. */
const IDLE_IN_TRANSACTION_MS = 60_000

/**
 * Boards in PostgreSQL (`DATABASE_URL`), so several instances can serve the same boards. The same
 * contract as the SQLite store; a write that cannot reach the database throws StorageBusy, so a
 * board pauses saving and retries instead of relaying what is not stored.
 */
export class PostgresBoardStore implements BoardStore {
  private readonly touches = new TouchThrottle()

  /** Connects, and brings the schema up to date (one instance at a time, under an advisory lock). */
  static async open(
    url: string,
    { schema, poolSize = 10, queryTimeoutMs = QUERY_TIMEOUT_MS }: PostgresOptions = {},
  ): Promise<PostgresBoardStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 5_000,
      // a database host that vanishes without closing its connections (power loss, a dropped route)
      // must not hang a query for the minutes TCP takes to give up: it becomes "saving paused"
      keepAlive: true,
      query_timeout: queryTimeoutMs,
      // and a transaction whose instance vanished mid-way does not hold its locks for long
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      options: schema ? `-c search_path=${schema}` : undefined,
    })
    // an idle connection the server dropped must not crash the process; the next query reconnects
    pool.on('error', () => {})
    try {
      await migratePostgres(pool)
      return new PostgresBoardStore(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  /** Appends from every board, written together while a write is in flight (see GroupCommit). */
  private readonly appends = new GroupCommit(
    (appends) => this.writeAppends(appends),
    (error) => error instanceof StorageBusy,
  )

  private constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    let failure: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error))
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      // after a failure the connection may be broken or stuck behind an unanswered query: discard it
      client.release(failure)
    }
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    await this.pool.query(
      `INSERT INTO boards (id, title, template_id, created_at, updated_at, facilitator_hash, editor_hash,
         viewer_hash, sealed_for_facilitator, sealed_for_editor, origin_board_id, origin_version_id)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        board.id,
        board.title,
        board.templateId,
        board.createdAt,
        board.tokenHashes.facilitator,
        board.tokenHashes.editor,
        board.tokenHashes.viewer,
        board.sealedLinks.facilitator,
        board.sealedLinks.editor,
        board.originBoardId,
        board.originVersionId ?? null,
      ],
    )
    return createdBoardRecord(board)
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const [row] = await this.rows<BoardRow>(`${BOARD_SELECT} WHERE b.id = $1`, [id])
    return row ? boardFromRow(row) : null
  }

  async listBoards(): Promise<BoardRecord[]> {
    return (await this.rows<BoardRow>(`${BOARD_SELECT} ORDER BY b.updated_at DESC`)).map(boardFromRow)
  }

  async deleteBoard(id: string): Promise<void> {
    await this.pool.query('DELETE FROM boards WHERE id = $1', [id])
  }

  async renameBoard(boardId: string, title: string): Promise<void> {
    await this.pool.query('UPDATE boards SET title = $1, updated_at = $2 WHERE id = $3', [
      title,
      now(),
      boardId,
    ])
  }

  async replaceTokens(
    boardId: string,
    hashes: TokenHashes,
    sealed: BoardRecord['sealedLinks'],
  ): Promise<void> {
    await this.pool.query(
      `UPDATE boards SET facilitator_hash = $2, editor_hash = $3, viewer_hash = $4,
         sealed_for_facilitator = $5, sealed_for_editor = $6 WHERE id = $1`,
      [boardId, hashes.facilitator, hashes.editor, hashes.viewer, sealed.facilitator, sealed.editor],
    )
  }

  async saveThumbnail(boardId: string, png: Uint8Array): Promise<void> {
    await this.pool.query(
      `INSERT INTO board_thumbnails (board_id, png, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (board_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at`,
      [boardId, Buffer.from(png), now()],
    )
  }

  async loadThumbnail(boardId: string): Promise<Uint8Array | null> {
    const [row] = await this.rows<{ png: Buffer }>('SELECT png FROM board_thumbnails WHERE board_id = $1', [
      boardId,
    ])
    return row ? new Uint8Array(row.png) : null
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<void> {
    await this.appends.append(boardId, update)
  }

  /**
   * The appends of one group commit in one statement: a row per update (raw bytes, not hex), and
   * each board's catalog row touched now and then, not on every edit. Prepared once per batch size.
   */
  private async writeAppends(appends: readonly QueuedAppend[]): Promise<void> {
    const values: unknown[] = []
    const rows = appends.map(({ boardId, update }) => {
      values.push(boardId, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
      return `($${values.length - 1}, $${values.length})`
    })
    const touched = [...new Set(appends.map((append) => append.boardId))].filter((id) => this.touches.due(id))
    values.push(now(), touched)
    try {
      await failuresAsStorageBusy(() =>
        this.pool.query({
          name: `lockstep-append-${appends.length}`,
          text: `WITH appended AS (INSERT INTO board_updates (board_id, data) VALUES ${rows.join(', ')})
          UPDATE boards SET updated_at = $${values.length - 1} WHERE id = ANY($${values.length}::text[])`,
          values,
        }),
      )
    } catch (error) {
      for (const id of touched) this.touches.forget(id) // rolled back with the rows
      throw error
    }
  }

  async loadDocument(boardId: string): Promise<Uint8Array | null> {
    const rows = await this.rows<{ data: Buffer }>(
      'SELECT data FROM board_updates WHERE board_id = $1 ORDER BY seq',
      [boardId],
    )
    return mergeLog(rows.map((row) => new Uint8Array(row.data)))
  }

  async storedBytes(boardId: string): Promise<number> {
    const [row] = await this.rows<{ bytes: string }>(
      'SELECT COALESCE(SUM(octet_length(data)), 0) AS bytes FROM board_updates WHERE board_id = $1',
      [boardId],
    )
    return Number(row?.bytes ?? 0)
  }

  async countUpdates(boardId: string): Promise<number> {
    const [row] = await this.rows<{ n: string }>(
      'SELECT COUNT(*) AS n FROM board_updates WHERE board_id = $1 AND NOT is_snapshot',
      [boardId],
    )
    return Number(row?.n ?? 0)
  }

  /**
   * Replaces the rows it read with one snapshot of them (and of `state`). Rows another instance
   * appends meanwhile are not among those read, so they survive; two compactions at once each
   * delete only their own rows, and each snapshot holds everything it replaced.
   */
  async compact(boardId: string, state?: Uint8Array): Promise<void> {
    await failuresAsStorageBusy(() =>
      this.inTransaction(async (client) => {
        const { rows } = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq',
          [boardId],
        )
        if (rows.length === 0) return
        const logged = rows.map((row) => new Uint8Array(row.data))
        const snapshot = snapshotOf(logged, state)
        await client.query('DELETE FROM board_updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [
          boardId,
          rows.map((row) => row.seq),
        ])
        await client.query('INSERT INTO board_updates (board_id, data, is_snapshot) VALUES ($1, $2, true)', [
          boardId,
          Buffer.from(snapshot),
        ])
      }),
    )
  }

  async saveVersion(boardId: string, version: NewVersion): Promise<VersionRecord> {
    const createdAt = now()
    const thumbnail = version.thumbnail ? Buffer.from(version.thumbnail) : null
    await this.inTransaction(async (client) => {
      await client.query(
        `INSERT INTO board_versions (id, board_id, name, kind, created_at, state, thumbnail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [version.id, boardId, version.name, version.kind, createdAt, Buffer.from(version.state), thumbnail],
      )
      if (version.keepAutomatic !== undefined) await this.prune(client, boardId, version.keepAutomatic)
    })
    return savedVersionRecord(boardId, version, createdAt)
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    const rows = await this.rows<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM board_versions WHERE board_id = $1 ORDER BY created_at DESC, position DESC`,
      [boardId],
    )
    return rows.map(versionFromRow)
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const [row] = await this.rows<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM board_versions WHERE board_id = $1 AND id = $2`,
      [boardId, versionId],
    )
    return row ? versionFromRow(row) : null
  }

  async loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const [row] = await this.rows<{ state: Buffer }>(
      'SELECT state FROM board_versions WHERE board_id = $1 AND id = $2',
      [boardId, versionId],
    )
    return row ? new Uint8Array(row.state) : null
  }

  async loadVersionThumbnail(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const [row] = await this.rows<{ thumbnail: Buffer | null }>(
      'SELECT thumbnail FROM board_versions WHERE board_id = $1 AND id = $2',
      [boardId, versionId],
    )
    return row?.thumbnail ? new Uint8Array(row.thumbnail) : null
  }

  async pruneAutomaticVersions(boardId: string, keep: number): Promise<number> {
    return this.prune(this.pool, boardId, keep)
  }

  /** In a transaction of the caller's, or on its own (the pool discards a connection that failed). */
  private async prune(client: pg.Pool | pg.PoolClient, boardId: string, keep: number): Promise<number> {
    const result = await client.query(
      `DELETE FROM board_versions
       WHERE board_id = $1 AND kind <> 'manual'
         AND id NOT IN (SELECT version_id FROM publications)
         AND id NOT IN (SELECT id FROM board_versions WHERE board_id = $1 AND kind <> 'manual'
                        ORDER BY created_at DESC, position DESC LIMIT $2)`,
      [boardId, keep],
    )
    return result.rowCount ?? 0
  }

  async createPublication(publication: Omit<PublicationRecord, 'createdAt'>): Promise<PublicationRecord> {
    const record = { ...publication, createdAt: now() }
    await this.pool.query(
      `INSERT INTO publications (id, board_id, version_id, token_hash, created_at, board_title)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.id, record.boardId, record.versionId, record.tokenHash, record.createdAt, record.boardTitle],
    )
    return record
  }

  async getPublication(id: string): Promise<PublicationRecord | null> {
    const [row] = await this.rows<PublicationRow>('SELECT * FROM publications WHERE id = $1', [id])
    return row ? publicationFromRow(row) : null
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO session_states (board_id, state, updated_at, revision) VALUES ($1, $2, $3, 1)
       ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
         revision = session_states.revision + 1`,
      [boardId, JSON.stringify(state), now()],
    )
  }

  async loadSessionState(boardId: string): Promise<unknown | null> {
    return (await this.loadSessionRecord(boardId))?.state ?? null
  }

  async loadSessionRecord(boardId: string): Promise<StoredSession | null> {
    const [row] = await this.rows<{ state: string; revision: string }>(
      'SELECT state, revision FROM session_states WHERE board_id = $1',
      [boardId],
    )
    return row ? { state: JSON.parse(row.state) as unknown, revision: Number(row.revision) } : null
  }

  async replaceSessionState(boardId: string, state: unknown, revision: number): Promise<boolean> {
    const json = JSON.stringify(state)
    const updated = await this.pool.query(
      `UPDATE session_states SET state = $2, updated_at = $3, revision = revision + 1
       WHERE board_id = $1 AND revision = $4`,
      [boardId, json, now(), revision],
    )
    if (updated.rowCount === 1) return true
    if (revision !== 0) return false
    // nothing stored yet: the first writer's insert wins, a concurrent one finds the row taken
    const inserted = await this.pool.query(
      `INSERT INTO session_states (board_id, state, updated_at, revision) VALUES ($1, $2, $3, 1)
       ON CONFLICT (board_id) DO NOTHING`,
      [boardId, json, now()],
    )
    return inserted.rowCount === 1
  }

  async serverSecret(name: string, fresh: () => string): Promise<string> {
    // the first instance to start writes the secret; every later one reads that same value
    await this.pool.query(
      'INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, fresh()],
    )
    const [row] = await this.rows<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [
      name,
    ])
    if (!row) throw new Error(`the server secret "${name}" could not be stored`)
    return row.value
  }

  /** Names of the schema migrations this database has applied, in order. */
  async appliedMigrations(): Promise<string[]> {
    const rows = await this.rows<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    return rows.map((row) => row.name)
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
