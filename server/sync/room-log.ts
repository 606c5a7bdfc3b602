import * as Y from 'yjs'
import type { BoardNotice } from '../../shared/protocol/board-notices'
import { type Logger, reasonOf } from '../log'
import type { DocumentLog } from '../storage/board-store'
import { BoardQuota } from './board-quota'
import { CompactionSchedule, type CompactionTiming } from './compaction-schedule'
import { type RetryBackoff, writeWhenStorageFree } from './saving-pause'

/** An update applied to the live document and waiting to be stored, with who sent it. */
export interface Unstored {
  update: Uint8Array
  origin: unknown
}

export interface RoomLogOptions {
  store: DocumentLog
  log: Logger
  compaction: CompactionTiming
  /** Bytes the board may take in storage; changes beyond are refused. No quota when absent. */
  quotaBytes?: number
  retryBackoff?: RetryBackoff
}

/** What the room does when its log moves on. */
export interface RoomLogHooks {
  /** A batch is stored (`merged` is what was written): now, and only now, it may be relayed. */
  stored(batch: readonly Unstored[], merged: Uint8Array): void
  /** Saving paused (storage busy) or resumed: everyone on the board is told. */
  notice(notice: BoardNotice): void
  /** Storage refused a write: nothing of it was relayed, and the board must start over. */
  failed(): void
  /** A compaction made room after a change was refused for the quota: everyone may re-offer theirs. */
  quotaFreed(): void
}

/**
 * A loaded board's side of storage: every change is appended before it is relayed, in the order
 * applied, on one chain; what arrives while a write is in flight goes in the next write together;
 * a busy store pauses saving (held, not relayed, people told); the log is folded at a quiet moment
 * (CompactionSchedule) and on close; the quota is counted. A failed write stops the chain for good.
 */
export class RoomLog {
  private chain: Promise<void> = Promise.resolve()
  private unstored: Unstored[] = []
  private readonly compaction: CompactionSchedule
  private quota = new BoardQuota(Number.POSITIVE_INFINITY, 0)
  private failed = false
  private paused = false
  /** A change was refused for the quota; once a compaction frees room, everyone is asked again. */
  private waitingForRoom = false
  private closed = false

  constructor(
    private readonly boardId: string,
    private readonly options: RoomLogOptions,
    /** The whole document now, which a compaction stores as the snapshot. */
    private readonly snapshot: () => Uint8Array,
    private readonly hooks: RoomLogHooks,
  ) {
    this.compaction = new CompactionSchedule(options.compaction, () => this.compactSoon())
  }

  /** Reads what the stored log holds (length, bytes); a log left long is folded now. */
  async open(): Promise<void> {
    const { store, quotaBytes } = this.options
    // the quota first: a compaction started here counts what it frees against it
    if (quotaBytes !== undefined) {
      this.quota = new BoardQuota(quotaBytes, await store.storedBytes(this.boardId))
    }
    if (this.compaction.stored(await store.countUpdates(this.boardId))) this.compactSoon()
  }

  get hasFailed(): boolean {
    return this.failed
  }

  get savingPaused(): boolean {
    return this.paused
  }

  get quotaBytes(): number {
    return this.quota.limitBytes
  }

  /** Whether a change of about `bytes` fits in the quota. */
  admits(bytes: number): boolean {
    return this.quota.admits(bytes)
  }

  /**
   * Queues an applied update. Updates that arrive while a write is in flight wait for it, then go
   * in one write together: a board's edit rate is not capped by one database round trip per edit,
   * and each update is still stored before anyone else sees it.
   */
  append(update: Uint8Array, origin: unknown): void {
    this.unstored.push({ update, origin })
    if (this.unstored.length === 1) this.chain = this.chain.then(() => this.storeQueued())
  }

  /** Runs `then` once every update appended so far is stored. */
  afterStored(then: () => void): void {
    this.chain = this.chain.then(then)
  }

  /** Resolves once every appended update is stored. */
  flush(): Promise<void> {
    return this.chain
  }

  /** A change was refused for the quota: fold the log now, which may free room (then `quotaFreed`). */
  makeRoom(): void {
    if (this.waitingForRoom) return
    this.waitingForRoom = true
    this.options.log.warn('board reached its storage quota; refusing changes', { board: this.boardId })
    this.compactSoon()
  }

  /** Flushes and folds what is left into one snapshot. Never throws. */
  async close(): Promise<void> {
    this.closed = true
    this.compaction.stop()
    await this.flush()
    try {
      if (!this.failed && this.compaction.pending) await this.compact()
    } catch (error) {
      // e.g. the board was deleted meanwhile: there is nothing left to keep
      this.options.log.warn('could not compact a closing board', {
        board: this.boardId,
        reason: reasonOf(error),
      })
    }
  }

  private async storeQueued(): Promise<void> {
    const batch = this.unstored
    this.unstored = []
    if (this.failed) return
    const merged =
      batch.length === 1 ? (batch[0]?.update ?? new Uint8Array()) : Y.mergeUpdates(batch.map((b) => b.update))
    // A busy store (a lock held elsewhere) pauses saving; the updates are held, not relayed.
    if (!(await this.write(() => this.options.store.appendUpdate(this.boardId, merged)))) return
    this.quota.stored(merged.length)
    this.hooks.stored(batch, merged)
    if (this.compaction.stored(1)) await this.write(() => this.compact()) // one entry in the log
  }

  /** Queues a compaction behind every update appended so far (a quiet moment, or to free quota). */
  private compactSoon(): void {
    if (this.failed || this.closed || !this.compaction.pending) return
    this.chain = this.chain.then(async () => {
      // a write failed meanwhile (nothing more may be stored), or close() folds it itself
      if (this.failed || this.closed) return
      await this.write(() => this.compact())
    })
  }

  private async compact(): Promise<void> {
    const snapshot = this.snapshot()
    await this.options.store.compact(this.boardId, snapshot)
    this.compaction.compacted()
    this.quota.compacted(snapshot.length)
    if (this.waitingForRoom && this.quota.admits(0)) {
      this.waitingForRoom = false
      this.hooks.quotaFreed()
    }
  }

  /** One write, retried while storage is busy; false once it failed (the chain never rejects). */
  private async write(attempt: () => Promise<void>): Promise<boolean> {
    try {
      await writeWhenStorageFree(attempt, () => this.pause(), this.options.retryBackoff)
      this.resume() // any write that goes through, a quiet compaction too, ends a pause
      return true
    } catch (error) {
      this.fail(error)
      return false
    }
  }

  private pause(): void {
    if (this.paused) return
    this.paused = true
    this.options.log.warn('storage is busy; saving paused on this board', { board: this.boardId })
    this.hooks.notice({ kind: 'saving-paused' })
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    this.options.log.info('storage is free again; saving resumed', { board: this.boardId })
    this.hooks.notice({ kind: 'saving-resumed' })
  }

  private fail(error: unknown): void {
    this.failed = true
    this.options.log.error('could not store an update; closing the board', {
      board: this.boardId,
      reason: reasonOf(error),
    })
    this.hooks.failed()
  }
}
