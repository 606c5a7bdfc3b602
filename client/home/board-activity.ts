import type { BoardSummary } from '../../shared/protocol/saved-boards'
import type { RememberedBoard } from '../remembered-boards'

/** What the server said about one remembered board, or that it could not be asked. */
export type BoardStatus =
  | { kind: 'checking' }
  /** The server could not be reached (offline): show what this browser remembers. */
  | { kind: 'unknown' }
  | { kind: 'found'; summary: BoardSummary }
  /** The link's token was rotated away or the board was deleted. */
  | { kind: 'gone'; code: 'unauthorized' | 'board_not_found' }

/**
 * When a board was last touched, for "newest first": the later of its last change on the server
 * (someone else may have edited it since) and the last time this browser opened it (a board you
 * just looked at should not sink below one you have not seen for a week).
 */
export function lastActivity(board: RememberedBoard, status: BoardStatus | undefined): number {
  const changed = status?.kind === 'found' ? Date.parse(status.summary.updatedAt) : Number.NaN
  return Number.isNaN(changed) ? board.lastOpened : Math.max(changed, board.lastOpened)
}

/** The remembered boards, most recently touched first. */
export function newestFirst(
  boards: readonly RememberedBoard[],
  statuses: ReadonlyMap<string, BoardStatus>,
): RememberedBoard[] {
  const at = new Map(boards.map((board) => [board.id, lastActivity(board, statuses.get(board.id))]))
  return [...boards].sort((a, b) => (at.get(b.id) ?? 0) - (at.get(a.id) ?? 0))
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function timeAgo(time: number, now = Date.now()): string {
  const minutes = Math.round((now - time) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`
  return new Date(time).toLocaleDateString()
}
