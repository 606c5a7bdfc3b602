import type { VersionKind } from '../../shared/protocol/saved-boards'
import type { TokenHashes } from '../auth/capabilities'

/** A board's metadata as stored; tokens exist only as hashes (plus sealed share links). */
export interface BoardRecord {
  id: string
  title: string
  templateId: string | null
  createdAt: string
  updatedAt: string
  tokenHashes: TokenHashes
  /** Share tokens sealed for the facilitator (all) and the editor (editor + viewer). */
  sealedLinks: { facilitator: string; editor: string }
  /** The board this one was forked from, and the version it was forked at, if any. */
  originBoardId: string | null
  originVersionId: string | null
  /** When the board's thumbnail was last replaced; null when it has none. */
  thumbnailAt: string | null
}

export type NewBoard = Omit<BoardRecord, 'updatedAt' | 'thumbnailAt' | 'originVersionId'> & {
  originVersionId?: string | null
}

export interface VersionRecord {
  id: string
  boardId: string
  name: string
  kind: VersionKind
  createdAt: string
  hasThumbnail: boolean
}

export interface NewVersion {
  id: string
  name: string
  kind: VersionKind
  /** The board's whole Yjs state at that moment. */
  state: Uint8Array
  /** A PNG of the content, if one is at hand. */
  thumbnail?: Uint8Array | null
  /** Prune automatic versions down to this many in the same step (see pruneAutomaticVersions). */
  keepAutomatic?: number
}

/** A link to one frozen version; only the token's hash is kept. */
export interface PublicationRecord {
  id: string
  boardId: string
  versionId: string
  tokenHash: string
  createdAt: string
  /** The board's title when the version was published: the published page never changes after. */
  boardTitle: string
}

/**
 * Storage could not take a write right now (a lock held elsewhere, a timeout) but may later: the
 * caller keeps what it holds and retries. Every store throws this, so callers never know the database.
 */
export class StorageBusy extends Error {}

/** The store's data failed its integrity check: serving it could spread the damage. */
export class StorageCorrupt extends Error {}

/** One board's document: the Yjs update log and its snapshots (the hot path: one append per edit). */
export interface DocumentLog {
  /** Appends one Yjs update to the board's log; resolves once it is durable. Throws StorageBusy. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<void>
  /** The board's whole document as one merged Yjs update, or null when nothing was ever written. */
  loadDocument(boardId: string): Promise<Uint8Array | null>
  /** Bytes the board's log and snapshot take in storage (what its quota counts). */
  storedBytes(boardId: string): Promise<number>
  /** Number of log entries since the last compaction. */
  countUpdates(boardId: string): Promise<number>
  /**
   * Replaces the log rows it reads with one snapshot of them (merged with `state`, when given); rows
   * appended meanwhile by another writer survive. Throws StorageBusy.
   */
  compact(boardId: string, state?: Uint8Array): Promise<void>
}

/** Which boards exist: titles, link hashes, thumbnails, and the deployment's secrets. */
export interface BoardCatalog {
  createBoard(board: NewBoard): Promise<BoardRecord>
  getBoard(id: string): Promise<BoardRecord | null>
  listBoards(): Promise<BoardRecord[]>
  /** Deletes the board and everything of it (log, versions, publications, session). */
  deleteBoard(id: string): Promise<void>
  renameBoard(boardId: string, title: string): Promise<void>
  /** Replaces the board's token hashes and sealed share links (link rotation). */
  replaceTokens(
    boardId: string,
    tokenHashes: TokenHashes,
    sealedLinks: BoardRecord['sealedLinks'],
  ): Promise<void>
  /** Stores a PNG of the board's current content, replacing the previous one. */
  saveThumbnail(boardId: string, png: Uint8Array): Promise<void>
  loadThumbnail(boardId: string): Promise<Uint8Array | null>
  /**
   * A secret of the whole deployment (e.g. the key that signs participant identities): the stored
   * value, else `fresh()` stored first. Every instance sharing this store gets the same value.
   */
  serverSecret(name: string, fresh: () => string): Promise<string>
}

/** Frozen copies of a board, and the published links to them. */
export interface VersionArchive {
  saveVersion(boardId: string, version: NewVersion): Promise<VersionRecord>
  /** Newest first. */
  listVersions(boardId: string): Promise<VersionRecord[]>
  getVersion(boardId: string, versionId: string): Promise<VersionRecord | null>
  loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null>
  loadVersionThumbnail(boardId: string, versionId: string): Promise<Uint8Array | null>
  /**
   * Deletes the board's automatic versions beyond the newest `keep`; versions people saved and
   * versions with a published link are never deleted. Returns how many went.
   */
  pruneAutomaticVersions(boardId: string, keep: number): Promise<number>
  createPublication(publication: Omit<PublicationRecord, 'createdAt'>): Promise<PublicationRecord>
  getPublication(id: string): Promise<PublicationRecord | null>
}

/** A board's stored session and its revision (advanced by every write; 0 when never written). */
export interface StoredSession {
  state: unknown
  revision: number
}

/** The live session of each board, as its authority last wrote it. */
export interface SessionStateStore {
  /** Writes the state whatever is stored (a new or imported board); advances the revision. */
  saveSessionState(boardId: string, state: unknown): Promise<void>
  loadSessionState(boardId: string): Promise<unknown | null>
  /** The stored state with its revision, or null when nothing was ever written. */
  loadSessionRecord(boardId: string): Promise<StoredSession | null>
  /**
   * Compare-and-set: stores `state` as revision `revision + 1` only if the stored revision is still
   * `revision` (0: nothing stored yet). False when another writer got there first.
   */
  replaceSessionState(boardId: string, state: unknown, revision: number): Promise<boolean>
}

/**
 * Where boards live, as four aggregates (each could move to another engine on its own). The sync
 * endpoint and the REST layer speak only to these interfaces, so the embedded SQLite default and
 * PostgreSQL are interchangeable (one contract test suite runs on both).
 */
export interface BoardStore extends DocumentLog, BoardCatalog, VersionArchive, SessionStateStore {
  close(): Promise<void>
}
