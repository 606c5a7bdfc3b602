import type { VersionKind } from '../../shared/protocol/saved-boards'
import { type Logger, reasonOf } from '../log'
import type { BoardVersions } from './board-versions'

type AutoKind = Exclude<VersionKind, 'manual'>

export interface AutoVersionsOptions {
  versions: BoardVersions
  log: Logger
  /** Keep an 'hourly' version at most this often while a board changes. */
  everyMs: number
  /** How long a board must stay empty before its session counts as ended. */
  sessionEndGraceMs: number
  /** How many automatic versions a board keeps (the newest); saved and published ones always stay. */
  kept: number
  /**
   * Whether anyone is on the board's session on any instance. When the grace ends it is asked again:
   * someone may have come back through another instance, which this one never hears of directly.
   */
  anyoneThere?: (boardId: string) => Promise<boolean>
  now?: () => Date
}

/**
 * Versions the server keeps on its own: one 'hourly' version at most every `everyMs` while a board
 * changes (taken when the interval after its first change ends, so it shows the board as it was
 * then), and one 'session-end' version when a board's live session ends. Either is skipped when the
 * board is unchanged since its newest version.
 */
export class AutoVersions {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** Boards everyone left, waiting out the grace period (someone reloading comes straight back). */
  private readonly endings = new Map<string, NodeJS.Timeout>()
  /** Per board, the version being kept, so two triggers at once do not both save. */
  private readonly keeping = new Map<string, Promise<void>>()
  /** Grace periods that ended, each deciding whether the session ended (see `idle`). */
  private readonly deciding = new Set<Promise<void>>()
  /** Boards being deleted: nothing may be written for them any more. */
  private readonly retired = new Set<string>()
  private stopped = false

  constructor(private readonly options: AutoVersionsOptions) {}

  /** A change to the board was stored. */
  changed(boardId: string): void {
    if (this.stopped || this.timers.has(boardId) || this.retired.has(boardId)) return
    // The timer stays in the map until the version is stored, so the next interval starts after it.
    const timer = setTimeout(() => {
      void this.keep(boardId, 'hourly').finally(() => {
        if (this.timers.get(boardId) === timer) this.timers.delete(boardId)
      })
    }, this.options.everyMs)
    timer.unref()
    this.timers.set(boardId, timer)
  }

  /** The facilitator ended the workshop: the session ended now. */
  sessionEnded(boardId: string): Promise<void> {
    this.cancelEnding(boardId)
    return this.keep(boardId, 'session-end')
  }

  /** The board's last participant left: the session ends unless someone is back within the grace period. */
  everyoneLeft(boardId: string): void {
    if (this.stopped || this.retired.has(boardId)) return
    this.cancelEnding(boardId)
    const timer = setTimeout(() => {
      this.endings.delete(boardId)
      const decision = this.endUnlessSomeoneIsThere(boardId)
      this.deciding.add(decision)
      void decision.finally(() => this.deciding.delete(decision))
    }, this.options.sessionEndGraceMs)
    timer.unref()
    this.endings.set(boardId, timer)
  }

  private async endUnlessSomeoneIsThere(boardId: string): Promise<void> {
    if (this.stopped) return // shutting down: asking the other instances would only hold it up
    // unknown (e.g. Redis away): keep the version; an unchanged board keeps nothing anyway
    const someone = await (this.options.anyoneThere?.(boardId) ?? Promise.resolve(false)).catch(() => false)
    if (!someone) await this.keep(boardId, 'session-end')
  }

  /** Someone joined the board's session: it goes on. */
  someoneJoined(boardId: string): void {
    this.cancelEnding(boardId)
  }

  private cancelEnding(boardId: string): void {
    clearTimeout(this.endings.get(boardId))
    this.endings.delete(boardId)
  }

  /** The board is being deleted: cancel its timer and keep nothing more for it. */
  retire(boardId: string): void {
    clearTimeout(this.timers.get(boardId))
    this.timers.delete(boardId)
    this.cancelEnding(boardId)
    this.retired.add(boardId)
  }

  /** The board is gone from storage; a late trigger finds no board and keeps nothing. */
  forget(boardId: string): void {
    this.retired.delete(boardId)
  }

  /** Keeps nothing more (shutdown: disconnecting everyone is not the end of anyone's session). */
  stop(): void {
    this.stopped = true
    for (const timer of [...this.timers.values(), ...this.endings.values()]) clearTimeout(timer)
    this.timers.clear()
    this.endings.clear()
  }

  /** Resolves once every ended grace period is decided and every version being kept is stored. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.deciding])
    await Promise.allSettled([...this.keeping.values()])
  }

  private keep(boardId: string, kind: AutoKind): Promise<void> {
    const before = this.keeping.get(boardId) ?? Promise.resolve()
    const next = before.then(() => this.keepNow(boardId, kind))
    this.keeping.set(boardId, next)
    void next.finally(() => {
      if (this.keeping.get(boardId) === next) this.keeping.delete(boardId)
    })
    return next
  }

  private async keepNow(boardId: string, kind: AutoKind): Promise<void> {
    if (this.stopped || this.retired.has(boardId)) return
    const { versions, log } = this.options
    try {
      if (!(await versions.changedSinceNewest(boardId))) return
      if (this.stopped || this.retired.has(boardId)) return
      await versions.save(boardId, { name: this.nameFor(kind), kind, keepAutomatic: this.options.kept })
      log.debug('kept an automatic version', { board: boardId, kind })
    } catch (error) {
      // e.g. the board was deleted in between: its versions are gone with it
      log.warn('could not keep an automatic version', {
        board: boardId,
        kind,
        reason: reasonOf(error),
      })
    }
  }

  private nameFor(kind: AutoKind): string {
    if (kind === 'session-end') return 'End of session'
    const at = (this.options.now ?? (() => new Date()))()
    const two = (n: number) => String(n).padStart(2, '0')
    return `Autosave ${two(at.getHours())}:${two(at.getMinutes())}`
  }
}
