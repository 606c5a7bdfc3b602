import type { BoardRecord, NewBoard, NewVersion, VersionRecord } from './board-store'

/** The record every store answers for a board it has just created. */
export function createdBoardRecord(board: NewBoard): BoardRecord {
  return {
    ...board,
    originVersionId: board.originVersionId ?? null,
    updatedAt: board.createdAt,
    thumbnailAt: null,
  }
}

/** The record every store answers for a version it has just saved at `createdAt`. */
export function savedVersionRecord(boardId: string, version: NewVersion, createdAt: string): VersionRecord {
  return {
    id: version.id,
    boardId,
    name: version.name,
    kind: version.kind,
    createdAt,
    hasThumbnail: !!version.thumbnail,
  }
}
