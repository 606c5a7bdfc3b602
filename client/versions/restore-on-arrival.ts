import { z } from 'zod'

const KEY = 'lockstep:restore-on-arrival'
const requestSchema = z.object({ boardId: z.string(), versionId: z.string() })

/**
 * Asks the board page to restore a version when it next opens that board: the version page has no
 * live editor, and restoring through the board's editor is what makes it undoable.
 */
export function requestRestoreOnArrival(boardId: string, versionId: string): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ boardId, versionId }))
  } catch {
    // no session storage: the Versions list on the board restores too
  }
}

/** The version to restore on this board now, if one was asked for; asks only once. */
export function takeRestoreOnArrival(boardId: string): string | null {
  try {
    const raw = window.sessionStorage.getItem(KEY)
    if (!raw) return null
    const request = requestSchema.safeParse(JSON.parse(raw))
    if (!request.success || request.data.boardId !== boardId) return null
    window.sessionStorage.removeItem(KEY)
    return request.data.versionId
  } catch {
    return null
  }
}
