import { sessionStateSchema } from '../../shared/session/session-state'
import type { BoardStore } from '../storage/board-store'

/**
 * Whether each board's editing is locked to facilitators. The live session sets it; the Yjs
 * endpoint reads it on every update, so it must be known before a board's first edit.
 */
export class EditingLocks {
  private readonly locked = new Map<string, boolean>()

  constructor(private readonly store: BoardStore) {}

  /** Loads a board's lock from its stored session, once. */
  async ensure(boardId: string): Promise<void> {
    if (this.locked.has(boardId)) return
    const stored = sessionStateSchema.safeParse(await this.store.loadSessionState(boardId))
    if (!this.locked.has(boardId)) this.locked.set(boardId, stored.success && stored.data.editingLocked)
  }

  set(boardId: string, locked: boolean): void {
    this.locked.set(boardId, locked)
  }

  isLocked(boardId: string): boolean {
    return this.locked.get(boardId) ?? false
  }
}
