const KEY = 'lockstep:share-on-arrival'

/** Asks the board page to open the Share dialog when it next opens this board (after "New board"). */
export function requestShareOnArrival(boardId: string): void {
  try {
    window.sessionStorage.setItem(KEY, boardId)
  } catch {
    // no session storage: the Share button is still there
  }
}

/** Whether the Share dialog should open now; asks only once. */
export function takeShareOnArrival(boardId: string): boolean {
  try {
    if (window.sessionStorage.getItem(KEY) !== boardId) return false
    window.sessionStorage.removeItem(KEY)
    return true
  } catch {
    return false
  }
}
