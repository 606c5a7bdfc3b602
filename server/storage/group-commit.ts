/** One board's update waiting for the write that will make it durable. */
export interface QueuedAppend {
  boardId: string
  update: Uint8Array
}

interface Waiting extends QueuedAppend {
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Group commit for the update log: while one write is in flight, appends from every board queue up
 * and go together in the next one (one statement, one commit, one fsync). Each append still
 * resolves only once the commit holding it is done, so nothing is relayed before it is durable;
 * at a steady rate, a write is one round trip whatever the number of boards.
 */
export class GroupCommit {
  private waiting: Waiting[] = []
  private writing = false

  constructor(
    /** Writes the appends in one transaction, in order; all or nothing. */
    private readonly writeAll: (appends: readonly QueuedAppend[]) => Promise<void>,
    /** Whether a failed write is the database being away (every append fails alike). */
    private readonly failsAll: (error: unknown) => boolean,
    private readonly maxPerWrite = 256,
    /** A write's statement stays under this many bytes of updates (one larger update goes alone). */
    private readonly maxBytesPerWrite = 8 * 1024 * 1024,
  ) {}

  /** Resolves once `update` is committed; rejects with that write's error. */
  append(boardId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ boardId, update, resolve, reject })
      if (!this.writing) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.writing = true
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.batchLength())
      try {
        await this.writeAll(batch)
        for (const append of batch) append.resolve()
      } catch (error) {
        await this.settleAlone(batch, error)
      }
    }
    this.writing = false
  }

  /** How many of the waiting appends the next write takes: up to maxPerWrite and maxBytesPerWrite, at least one. */
  private batchLength(): number {
    let bytes = 0
    let length = 0
    for (const append of this.waiting) {
      bytes += append.update.byteLength
      if (length === this.maxPerWrite || (length > 0 && bytes > this.maxBytesPerWrite)) break
      length++
    }
    return length
  }

  // One bad row (a board deleted meanwhile) must not fail the other boards' appends: each is tried
  // on its own and gets its own verdict. A database that is away fails them all at once, and if it
  // goes away while they are tried one by one, it fails the rest then.
  private async settleAlone(batch: Waiting[], error: unknown): Promise<void> {
    if (batch.length === 1 || this.failsAll(error)) {
      for (const append of batch) append.reject(error)
      return
    }
    for (const [i, append] of batch.entries()) {
      try {
        await this.writeAll([append])
        append.resolve()
      } catch (alone) {
        if (!this.failsAll(alone)) {
          append.reject(alone)
          continue
        }
        for (const rest of batch.slice(i)) rest.reject(alone)
        return
      }
    }
  }
}
