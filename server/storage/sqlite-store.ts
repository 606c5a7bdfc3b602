import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import type { TokenHashes } from '../auth/capabilities'
import type {
  BoardRecord,
  BoardStore,
  NewBoard,
  NewVersion,
  PublicationRecord,
  StoredSession,
  VersionRecord,
} from './board-store'
import { createdBoardRecord, savedVersionRecord } from './new-records'
import {
  type BoardRow,
  boardFromRow,
  type PublicationRow,
  publicationFromRow,
  type VersionRow,
  versionFromRow,
} from './rows'
import { busyAsStorageBusy, openCheckedDatabase } from './sqlite-health'
import { migrateSqlite } from './sqlite-migrations'
import { TouchThrottle } from './touch-throttle'
import { mergeLog, snapshotOf } from './yjs-log'

const BOARD_COLUMNS = `b.*, t.updated_at AS thumbnail_at`
const BOARD_FROM = `boards b LEFT JOIN board_thumbnails t ON t.board_id = b.id`
const VERSION_COLUMNS = `id, board_id, name, kind, created_at, thumbnail IS NOT NULL AS has_thumbnail`

const now = () => new Date().toISOString()

/**
 * The embedded default store: one SQLite file in WAL mode (`$DATA_DIR/lockstep.db`), checked when
 * opened. A write waits at most `busyTimeoutMs` for a lock held elsewhere, then throws StorageBusy.
 */
export class SqliteBoardStore implements BoardStore {
  private readonly statements
  private readonly touches = new TouchThrottle()

  /** Opens (creating if needed), checks and migrates the database file. */
  static async open(file: string, { busyTimeoutMs = 5_000 }: { busyTimeoutMs?: number } = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
    const db = openCheckedDatabase(file, busyTimeoutMs)
    try {
      db.pragma('journal_mode = WAL')
      // NORMAL is durable against a process crash (kill -9) in WAL mode; only a power cut may lose the tail.
      db.pragma('synchronous = NORMAL')
      db.pragma('foreign_keys = ON')
      await migrateSqlite(db)
      return new SqliteBoardStore(db)
    } catch (error) {
      db.close()
      throw error
    }
  }

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      insertBoard: db.prepare(
        `INSERT INTO boards (id, title, template_id, created_at, updated_at, facilitator_hash, editor_hash,
           viewer_hash, sealed_for_facilitator, sealed_for_editor, origin_board_id, origin_version_id)
         VALUES (@id, @title, @templateId, @createdAt, @createdAt, @facilitator, @editor, @viewer,
           @sealedForFacilitator, @sealedForEditor, @originBoardId, @originVersionId)`,
      ),
      getBoard: db.prepare<[string], BoardRow>(`SELECT ${BOARD_COLUMNS} FROM ${BOARD_FROM} WHERE b.id = ?`),
      listBoards: db.prepare<[], BoardRow>(
        `SELECT ${BOARD_COLUMNS} FROM ${BOARD_FROM} ORDER BY b.updated_at DESC`,
      ),
      renameBoard: db.prepare('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
      replaceTokens: db.prepare(
        `UPDATE boards SET facilitator_hash = @facilitator, editor_hash = @editor, viewer_hash = @viewer,
           sealed_for_facilitator = @sealedForFacilitator, sealed_for_editor = @sealedForEditor WHERE id = @id`,
      ),
      saveThumbnail: db.prepare(
        `INSERT INTO board_thumbnails (board_id, png, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at`,
      ),
      loadThumbnail: db.prepare<[string], { png: Buffer }>(
        'SELECT png FROM board_thumbnails WHERE board_id = ?',
      ),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      // the first instance to start writes the secret; every later one reads that same value
      insertSecret: db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)'),
      getSecret: db.prepare<[string], { value: string }>('SELECT value FROM server_secrets WHERE name = ?'),
      touchBoard: db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?'),
      appendUpdate: db.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)'),
      updatesOf: db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq',
      ),
      storedBytes: db.prepare<[string], { bytes: number }>(
        'SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM board_updates WHERE board_id = ?',
      ),
      countUpdates: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM board_updates WHERE board_id = ? AND is_snapshot = 0',
      ),
      deleteUpdatesUpTo: db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      insertSnapshot: db.prepare('INSERT INTO board_updates (board_id, data, is_snapshot) VALUES (?, ?, 1)'),
      insertVersion: db.prepare(
        `INSERT INTO board_versions (id, board_id, name, kind, created_at, state, thumbnail)
         VALUES (@id, @boardId, @name, @kind, @createdAt, @state, @thumbnail)`,
      ),
      listVersions: db.prepare<[string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM board_versions WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
      ),
      getVersion: db.prepare<[string, string], VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM board_versions WHERE board_id = ? AND id = ?`,
      ),
      loadVersion: db.prepare<[string, string], { state: Buffer }>(
        'SELECT state FROM board_versions WHERE board_id = ? AND id = ?',
      ),
      loadVersionThumbnail: db.prepare<[string, string], { thumbnail: Buffer | null }>(
        'SELECT thumbnail FROM board_versions WHERE board_id = ? AND id = ?',
      ),
      pruneAutomaticVersions: db.prepare<[string, string, number]>(
        `DELETE FROM board_versions
         WHERE board_id = ? AND kind != 'manual'
           AND id NOT IN (SELECT version_id FROM publications)
           AND id NOT IN (SELECT id FROM board_versions WHERE board_id = ? AND kind != 'manual'
                          ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      ),
      insertPublication: db.prepare(
        `INSERT INTO publications (id, board_id, version_id, token_hash, created_at, board_title)
         VALUES (@id, @boardId, @versionId, @tokenHash, @createdAt, @boardTitle)`,
      ),
      getPublication: db.prepare<[string], PublicationRow>('SELECT * FROM publications WHERE id = ?'),
      saveSession: db.prepare(
        `INSERT INTO session_states (board_id, state, updated_at, revision) VALUES (?, ?, ?, 1)
         ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
           revision = session_states.revision + 1`,
      ),
      loadSession: db.prepare<[string], { state: string; revision: number }>(
        'SELECT state, revision FROM session_states WHERE board_id = ?',
      ),
      replaceSession: db.prepare(
        `UPDATE session_states SET state = ?, updated_at = ?, revision = revision + 1
         WHERE board_id = ? AND revision = ?`,
      ),
      insertSession: db.prepare(
        `INSERT INTO session_states (board_id, state, updated_at, revision) VALUES (?, ?, ?, 1)
         ON CONFLICT(board_id) DO NOTHING`,
      ),
    }
  }

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    this.statements.insertBoard.run({
      id: board.id,
      title: board.title,
      templateId: board.templateId,
      createdAt: board.createdAt,
      facilitator: board.tokenHashes.facilitator,
      editor: board.tokenHashes.editor,
      viewer: board.tokenHashes.viewer,
      sealedForFacilitator: board.sealedLinks.facilitator,
      sealedForEditor: board.sealedLinks.editor,
      originBoardId: board.originBoardId,
      originVersionId: board.originVersionId ?? null,
    })
    return createdBoardRecord(board)
  }

  async renameBoard(boardId: string, title: string): Promise<void> {
    this.statements.renameBoard.run(title, now(), boardId)
  }

  async replaceTokens(
    boardId: string,
    tokenHashes: TokenHashes,
    sealedLinks: BoardRecord['sealedLinks'],
  ): Promise<void> {
    this.statements.replaceTokens.run({
      id: boardId,
      ...tokenHashes,
      sealedForFacilitator: sealedLinks.facilitator,
      sealedForEditor: sealedLinks.editor,
    })
  }

  async saveThumbnail(boardId: string, png: Uint8Array): Promise<void> {
    this.statements.saveThumbnail.run(boardId, Buffer.from(png), now())
  }

  async loadThumbnail(boardId: string): Promise<Uint8Array | null> {
    const row = this.statements.loadThumbnail.get(boardId)
    return row ? new Uint8Array(row.png) : null
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.statements.getBoard.get(id)
    return row ? boardFromRow(row) : null
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.statements.listBoards.all().map(boardFromRow)
  }

  async deleteBoard(id: string): Promise<void> {
    this.statements.deleteBoard.run(id)
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<void> {
    busyAsStorageBusy(() =>
      this.db.transaction(() => {
        this.statements.appendUpdate.run(boardId, Buffer.from(update))
        if (this.touches.due(boardId)) this.statements.touchBoard.run(now(), boardId)
      })(),
    )
  }

  async storedBytes(boardId: string): Promise<number> {
    return this.statements.storedBytes.get(boardId)?.bytes ?? 0
  }

  async loadDocument(boardId: string): Promise<Uint8Array | null> {
    return mergeLog(this.statements.updatesOf.all(boardId).map((row) => new Uint8Array(row.data)))
  }

  async countUpdates(boardId: string): Promise<number> {
    return this.statements.countUpdates.get(boardId)?.n ?? 0
  }

  async compact(boardId: string, state?: Uint8Array): Promise<void> {
    busyAsStorageBusy(() =>
      this.db.transaction(() => {
        const rows = this.statements.updatesOf.all(boardId)
        const last = rows.at(-1)
        if (!last) return
        // the snapshot covers exactly the rows read here (plus the caller's state): only those go
        const logged = rows.map((row) => new Uint8Array(row.data))
        const snapshot = snapshotOf(logged, state)
        this.statements.deleteUpdatesUpTo.run(boardId, last.seq)
        this.statements.insertSnapshot.run(boardId, Buffer.from(snapshot))
      })(),
    )
  }

  async saveVersion(boardId: string, version: NewVersion): Promise<VersionRecord> {
    const createdAt = now()
    const thumbnail = version.thumbnail ? Buffer.from(version.thumbnail) : null
    this.db.transaction(() => {
      this.statements.insertVersion.run({
        id: version.id,
        boardId,
        name: version.name,
        kind: version.kind,
        createdAt,
        state: Buffer.from(version.state),
        thumbnail,
      })
      const keep = version.keepAutomatic
      if (keep !== undefined) this.statements.pruneAutomaticVersions.run(boardId, boardId, keep)
    })()
    return savedVersionRecord(boardId, version, createdAt)
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    return this.statements.listVersions.all(boardId).map(versionFromRow)
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const row = this.statements.getVersion.get(boardId, versionId)
    return row ? versionFromRow(row) : null
  }

  async loadVersionThumbnail(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const thumbnail = this.statements.loadVersionThumbnail.get(boardId, versionId)?.thumbnail
    return thumbnail ? new Uint8Array(thumbnail) : null
  }

  async pruneAutomaticVersions(boardId: string, keep: number): Promise<number> {
    return this.statements.pruneAutomaticVersions.run(boardId, boardId, keep).changes
  }

  async createPublication(publication: Omit<PublicationRecord, 'createdAt'>): Promise<PublicationRecord> {
    const record = { ...publication, createdAt: now() }
    this.statements.insertPublication.run(record)
    return record
  }

  async getPublication(id: string): Promise<PublicationRecord | null> {
    const row = this.statements.getPublication.get(id)
    return row ? publicationFromRow(row) : null
  }

  async loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const row = this.statements.loadVersion.get(boardId, versionId)
    return row ? new Uint8Array(row.state) : null
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    this.statements.saveSession.run(boardId, JSON.stringify(state), now())
  }

  async loadSessionState(boardId: string): Promise<unknown | null> {
    return (await this.loadSessionRecord(boardId))?.state ?? null
  }

  async loadSessionRecord(boardId: string): Promise<StoredSession | null> {
    const row = this.statements.loadSession.get(boardId)
    return row ? { state: JSON.parse(row.state) as unknown, revision: row.revision } : null
  }

  async replaceSessionState(boardId: string, state: unknown, revision: number): Promise<boolean> {
    const json = JSON.stringify(state)
    return this.db.transaction(() => {
      const at = now()
      if (this.statements.replaceSession.run(json, at, boardId, revision).changes === 1) return true
      return revision === 0 && this.statements.insertSession.run(boardId, json, at).changes === 1
    })()
  }

  async serverSecret(name: string, fresh: () => string): Promise<string> {
    this.statements.insertSecret.run(name, fresh())
    const row = this.statements.getSecret.get(name)
    if (!row) throw new Error(`the server secret "${name}" could not be stored`)
    return row.value
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
