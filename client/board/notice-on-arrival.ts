const KEY = 'lockstep:notice-on-arrival'

/** Leaves a notice for the board page to show when it next opens this board (after moving to a new link). */
export function leaveNoticeOnArrival(boardId: string, text: string): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ boardId, text }))
  } catch {
    // no session storage: the page still moves, only without saying why
  }
}

/** The notice left for this board, if any; given only once. */
export function takeNoticeOnArrival(boardId: string): string | null {
  try {
    const raw = window.sessionStorage.getItem(KEY)
    const left = raw ? (JSON.parse(raw) as { boardId?: unknown; text?: unknown }) : null
    if (left?.boardId !== boardId || typeof left.text !== 'string') return null
    window.sessionStorage.removeItem(KEY)
    return left.text
  } catch {
    return null
  }
}
