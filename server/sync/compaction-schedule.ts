/** When a board's update log is folded into one snapshot (COMPACT_EVERY_UPDATES, COMPACT_QUIET_MS). */
export interface CompactionTiming {
  /** Log entries (each write: one update, or several merged) after which the log is worth folding. */
  everyUpdates: number
  /** The fold waits for the board to have stored nothing for this long. */
  quietMs: number
  /** A board that never goes quiet is folded anyway once its log holds this many times `everyUpdates`. */
  ceilingFactor: number
}

export const DEFAULT_COMPACTION_CEILING = 8

/**
 * Folding a log merges every entry with the whole document: tens of milliseconds on a big board,
 * during which that board's next changes wait to be stored and the event loop is busy. Done
 * mid-burst it lands in the middle of people's typing, so it waits for a quiet moment: once the
 * log is long enough, the first pause of `quietMs` without a stored change starts it. A board that
 * is never quiet still has its log bounded by the ceiling.
 */
export class CompactionSchedule {
  private logged = 0
  private quietTimer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly timing: CompactionTiming,
    /** Starts a compaction (on the board's persistence chain). */
    private readonly compactWhenQuiet: () => void,
  ) {}

  /** Entries logged since the last compaction. */
  get pending(): number {
    return this.logged
  }

  /** `count` entries were logged. True when the log reached its ceiling and must be folded now. */
  stored(count: number): boolean {
    this.logged += count
    if (this.stopped) return false // closing folds what is left itself
    if (this.logged >= this.timing.everyUpdates * this.timing.ceilingFactor) {
      this.disarm()
      return true
    }
    this.armIfDue()
    return false
  }

  /** The log was folded: nothing is pending. */
  compacted(): void {
    this.logged = 0
    this.disarm()
  }

  /** Forgets any pending quiet-moment compaction and arms none again (the board is closing). */
  stop(): void {
    this.stopped = true
    this.disarm()
  }

  private armIfDue(): void {
    if (this.logged < this.timing.everyUpdates) return
    this.disarm() // every stored change restarts the wait for quiet
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined
      this.compactWhenQuiet()
    }, this.timing.quietMs)
    this.quietTimer.unref()
  }

  private disarm(): void {
    clearTimeout(this.quietTimer)
    this.quietTimer = undefined
  }
}
