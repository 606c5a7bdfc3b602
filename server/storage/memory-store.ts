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
import { TouchThrottle } from './touch-throttle'
import { mergeLog, snapshotOf } from './yjs-log'

interface LogEntry {
  data: Uint8Array
  isSnapshot: boolean
}

interface StoredVersion {
  record: VersionRecord
  state: Uint8Array
  thumbnail: Uint8Array | null
}

const now = () => new Date().toISOString()
// bytes are copied in and out, as a database would, so no caller can change what is stored
const copy = (bytes: Uint8Array) => bytes.slice()

/** Newest first; among versions saved in the same instant, the one saved last first (as the SQL stores). */
const newestFirst = (versions: StoredVersion[]) =>
  [...versions].reverse().sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt))

/**
 * Boards in plain maps, for fast unit tests: the same contract (and contract suite) as the SQL
 * stores, nothing durable. Each call runs to completion before the next, so every write is atomic.
 */
export class MemoryBoardStore implements BoardStore {
  private readonly boards = new Map<string, BoardRecord>()
  private readonly thumbnails = new Map<string, Uint8Array>()
  private readonly logs = new Map<string, LogEntry[]>()
  /** By version id, in the order saved. */
  private readonly versions = new Map<string, StoredVersion>()
  private readonly publications = new Map<string, PublicationRecord>()
  /** JSON, as the SQL stores keep it: a loaded state is a copy, never the object that was saved. */
  private readonly sessions = new Map<string, { json: string; revision: number }>()
  private readonly secrets = new Map<string, string>()
  private readonly touches = new TouchThrottle()

  async createBoard(board: NewBoard): Promise<BoardRecord> {
    if (this.boards.has(board.id)) throw new Error(`board ${board.id} already exists`)
    const record = createdBoardRecord(board)
    this.boards.set(board.id, structuredClone(record))
    return record
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const board = this.boards.get(id)
    return board ? structuredClone(board) : null
  }

  async listBoards(): Promise<BoardRecord[]> {
    return [...this.boards.values()]
      .map((board) => structuredClone(board))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  async deleteBoard(id: string): Promise<void> {
    this.boards.delete(id)
    this.thumbnails.delete(id)
    this.logs.delete(id)
    this.sessions.delete(id)
    for (const [versionId, version] of this.versions) {
      if (version.record.boardId === id) this.versions.delete(versionId)
    }
    for (const [publicationId, publication] of this.publications) {
      if (publication.boardId === id) this.publications.delete(publicationId)
    }
  }

  async renameBoard(boardId: string, title: string): Promise<void> {
    const board = this.boards.get(boardId)
    if (board) Object.assign(board, { title, updatedAt: now() })
  }

  async replaceTokens(
    boardId: string,
    tokenHashes: TokenHashes,
    sealedLinks: BoardRecord['sealedLinks'],
  ): Promise<void> {
    const board = this.boards.get(boardId)
    if (board) Object.assign(board, structuredClone({ tokenHashes, sealedLinks }))
  }

  async saveThumbnail(boardId: string, png: Uint8Array): Promise<void> {
    this.existingBoard(boardId).thumbnailAt = now()
    this.thumbnails.set(boardId, copy(png))
  }

  async loadThumbnail(boardId: string): Promise<Uint8Array | null> {
    const thumbnail = this.thumbnails.get(boardId)
    return thumbnail ? copy(thumbnail) : null
  }

  async serverSecret(name: string, fresh: () => string): Promise<string> {
    const value = this.secrets.get(name) ?? fresh()
    this.secrets.set(name, value)
    return value
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<void> {
    const board = this.existingBoard(boardId)
    const log = this.logs.get(boardId) ?? []
    log.push({ data: copy(update), isSnapshot: false })
    this.logs.set(boardId, log)
    if (this.touches.due(boardId)) board.updatedAt = now()
  }

  async loadDocument(boardId: string): Promise<Uint8Array | null> {
    const merged = mergeLog(this.logOf(boardId).map((entry) => entry.data))
    return merged ? copy(merged) : null
  }

  async storedBytes(boardId: string): Promise<number> {
    return this.logOf(boardId).reduce((bytes, entry) => bytes + entry.data.byteLength, 0)
  }

  async countUpdates(boardId: string): Promise<number> {
    return this.logOf(boardId).filter((entry) => !entry.isSnapshot).length
  }

  async compact(boardId: string, state?: Uint8Array): Promise<void> {
    const log = this.logOf(boardId)
    if (log.length === 0) return
    // nothing can append between reading the log and replacing it: the snapshot covers every entry
    const snapshot = snapshotOf(
      log.map((entry) => entry.data),
      state,
    )
    this.logs.set(boardId, [{ data: snapshot, isSnapshot: true }])
  }

  async saveVersion(boardId: string, version: NewVersion): Promise<VersionRecord> {
    this.existingBoard(boardId)
    if (this.versions.has(version.id)) throw new Error(`version ${version.id} already exists`)
    const record = savedVersionRecord(boardId, version, now())
    this.versions.set(version.id, {
      record,
      state: copy(version.state),
      thumbnail: version.thumbnail ? copy(version.thumbnail) : null,
    })
    if (version.keepAutomatic !== undefined) await this.pruneAutomaticVersions(boardId, version.keepAutomatic)
    return { ...record }
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    return newestFirst(this.versionsOf(boardId)).map((version) => ({ ...version.record }))
  }

  async getVersion(boardId: string, versionId: string): Promise<VersionRecord | null> {
    const version = this.versionOf(boardId, versionId)
    return version ? { ...version.record } : null
  }

  async loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const version = this.versionOf(boardId, versionId)
    return version ? copy(version.state) : null
  }

  async loadVersionThumbnail(boardId: string, versionId: string): Promise<Uint8Array | null> {
    const thumbnail = this.versionOf(boardId, versionId)?.thumbnail
    return thumbnail ? copy(thumbnail) : null
  }

  async pruneAutomaticVersions(boardId: string, keep: number): Promise<number> {
    const published = new Set([...this.publications.values()].map((p) => p.versionId))
    const automatic = newestFirst(this.versionsOf(boardId).filter((v) => v.record.kind !== 'manual'))
    const doomed = automatic.slice(keep).filter((version) => !published.has(version.record.id))
    for (const version of doomed) this.versions.delete(version.record.id)
    return doomed.length
  }

  async createPublication(publication: Omit<PublicationRecord, 'createdAt'>): Promise<PublicationRecord> {
    this.existingBoard(publication.boardId)
    if (!this.versions.has(publication.versionId)) throw new Error(`no version ${publication.versionId}`)
    if (this.publications.has(publication.id)) throw new Error(`publication ${publication.id} already exists`)
    const record = { ...publication, createdAt: now() }
    this.publications.set(record.id, record)
    return { ...record }
  }

  async getPublication(id: string): Promise<PublicationRecord | null> {
    const publication = this.publications.get(id)
    return publication ? { ...publication } : null
  }

  async saveSessionState(boardId: string, state: unknown): Promise<void> {
    this.existingBoard(boardId)
    const revision = this.sessions.get(boardId)?.revision ?? 0
    this.sessions.set(boardId, { json: JSON.stringify(state), revision: revision + 1 })
  }

  async loadSessionState(boardId: string): Promise<unknown | null> {
    return (await this.loadSessionRecord(boardId))?.state ?? null
  }

  async loadSessionRecord(boardId: string): Promise<StoredSession | null> {
    const session = this.sessions.get(boardId)
    return session ? { state: JSON.parse(session.json) as unknown, revision: session.revision } : null
  }

  async replaceSessionState(boardId: string, state: unknown, revision: number): Promise<boolean> {
    if ((this.sessions.get(boardId)?.revision ?? 0) !== revision) return false
    await this.saveSessionState(boardId, state)
    return true
  }

  async close(): Promise<void> {}

  /** The board, or the error a database's foreign key would raise for a write to a missing one. */
  private existingBoard(boardId: string): BoardRecord {
    const board = this.boards.get(boardId)
    if (!board) throw new Error(`no board ${boardId}`)
    return board
  }

  private logOf(boardId: string): LogEntry[] {
    return this.logs.get(boardId) ?? []
  }

  private versionsOf(boardId: string): StoredVersion[] {
    return [...this.versions.values()].filter((version) => version.record.boardId === boardId)
  }

  private versionOf(boardId: string, versionId: string): StoredVersion | undefined {
    const version = this.versions.get(versionId)
    return version?.record.boardId === boardId ? version : undefined
  }
}
