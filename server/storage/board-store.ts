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
  /** The board this one was forked from, if any. */
  originBoardId: string | null
}

export type NewBoard = Omit<BoardRecord, 'updatedAt'>

export interface VersionRecord {
  id: string
  boardId: string
  name: string
  createdAt: string
}

/**
 * Where boards live. The sync endpoint and the REST layer only speak to this interface, so the
 * embedded SQLite default and a later Postgres store are interchangeable (one contract test suite).
 */
export interface BoardStore {
  createBoard(board: NewBoard): Promise<BoardRecord>
  getBoard(id: string): Promise<BoardRecord | null>
  listBoards(): Promise<BoardRecord[]>
  deleteBoard(id: string): Promise<void>
  /** Appends one Yjs update to the board's log; resolves once it is durable. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<void>
  /** The board's whole document as one merged Yjs update, or null when nothing was ever written. */
  loadDocument(boardId: string): Promise<Uint8Array | null>
  /** Number of log entries since the last compaction. */
  countUpdates(boardId: string): Promise<number>
  /** Replaces the log with one snapshot (the given state, or the merge of the log). */
  compact(boardId: string, state?: Uint8Array): Promise<void>
  saveVersion(
    boardId: string,
    version: { id: string; name: string; state: Uint8Array },
  ): Promise<VersionRecord>
  listVersions(boardId: string): Promise<VersionRecord[]>
  loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null>
  saveSessionState(boardId: string, state: unknown): Promise<void>
  loadSessionState(boardId: string): Promise<unknown | null>
  close(): Promise<void>
}
