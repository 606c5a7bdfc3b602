import type { VersionKind } from '../../shared/protocol/saved-boards'
import type { BoardRecord, PublicationRecord, VersionRecord } from './board-store'

/** Rows as both SQL stores read them (the same column names in SQLite and PostgreSQL). */
export interface BoardRow {
  id: string
  title: string
  template_id: string | null
  created_at: string
  updated_at: string
  facilitator_hash: string
  editor_hash: string
  viewer_hash: string
  sealed_for_facilitator: string
  sealed_for_editor: string
  origin_board_id: string | null
  origin_version_id: string | null
  thumbnail_at: string | null
}

export interface VersionRow {
  id: string
  board_id: string
  name: string
  kind: VersionKind
  created_at: string
  /** 1/0 from SQLite, true/false from PostgreSQL. */
  has_thumbnail: number | boolean
}

export interface PublicationRow {
  id: string
  board_id: string
  version_id: string
  token_hash: string
  created_at: string
  board_title: string
}

export function boardFromRow(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    title: row.title,
    templateId: row.template_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    tokenHashes: { facilitator: row.facilitator_hash, editor: row.editor_hash, viewer: row.viewer_hash },
    sealedLinks: { facilitator: row.sealed_for_facilitator, editor: row.sealed_for_editor },
    originBoardId: row.origin_board_id,
    originVersionId: row.origin_version_id,
    thumbnailAt: row.thumbnail_at,
  }
}

export function versionFromRow(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
    hasThumbnail: Boolean(row.has_thumbnail),
  }
}

export function publicationFromRow(row: PublicationRow): PublicationRecord {
  return {
    id: row.id,
    boardId: row.board_id,
    versionId: row.version_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    boardTitle: row.board_title,
  }
}
