/**
 * When a board last changed, without a write to its catalog row on every edit (a hot row once
 * several instances append to one board): the row is touched at most once per `everyMs` per board.
 */
export class TouchThrottle {
  private readonly touchedAt = new Map<string, number>()

  constructor(
    private readonly everyMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this change should update the board's `updated_at` (and remember that it did). */
  due(boardId: string): boolean {
    const now = this.now()
    const last = this.touchedAt.get(boardId)
    if (last !== undefined && now - last < this.everyMs) return false
    if (this.touchedAt.size > 10_000) this.touchedAt.clear()
    this.touchedAt.set(boardId, now)
    return true
  }

  /** The touch `due` allowed did not happen after all (its write failed): the next change may touch. */
  forget(boardId: string): void {
    this.touchedAt.delete(boardId)
  }
}
