import { clearDocument, IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

/** The board's copy in this browser (y-indexeddb): what survives offline and reloads. */
export interface LocalCopy {
  /** Settles once the copy is in the document (or could not be read). */
  loaded: Promise<void>
  destroy(): void
}

const databaseName = (boardId: string) => `lockstep:${boardId}`
const staleKey = (boardId: string) => `lockstep:stale-copy:${boardId}`
// without localStorage the mark lasts as long as this tab
const staleHere = new Set<string>()

/**
 * Marks this browser's copy of a board as wrong (the server refused a change in it): it is deleted
 * before it is next opened, in this tab or after a reload, so the refused change never comes back.
 */
export function markLocalCopyStale(boardId: string): void {
  staleHere.add(boardId)
  try {
    window.localStorage.setItem(staleKey(boardId), '1')
  } catch {
    // private windows may refuse; the mark in memory covers this visit
  }
}

function isStale(boardId: string): boolean {
  try {
    return staleHere.has(boardId) || window.localStorage.getItem(staleKey(boardId)) !== null
  } catch {
    return staleHere.has(boardId)
  }
}

function unmarkStale(boardId: string): void {
  staleHere.delete(boardId)
  try {
    window.localStorage.removeItem(staleKey(boardId))
  } catch {
    // nothing kept, nothing to remove
  }
}

/** Opens the board's copy in this browser into `doc`, deleting it first when it was marked stale. */
export function openLocalCopy(boardId: string, doc: Y.Doc): LocalCopy | null {
  if (typeof indexedDB === 'undefined') return null // no IndexedDB here: the board still works online
  let persistence: IndexeddbPersistence | null = null
  let destroyed = false
  const open = async () => {
    if (isStale(boardId)) {
      // waits for other handles to close; y-indexeddb's close on "versionchange"
      await clearDocument(databaseName(boardId))
      unmarkStale(boardId)
    }
    if (destroyed) return
    persistence = new IndexeddbPersistence(databaseName(boardId), doc)
    await persistence.whenSynced
  }
  const loaded = open().catch((error: unknown) => {
    console.warn('Lockstep: the copy of this board in this browser could not be opened', error)
  })
  return {
    loaded,
    destroy: () => {
      destroyed = true
      void persistence?.destroy()
    },
  }
}
