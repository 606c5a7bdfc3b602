import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { type DocumentLog, StorageBusy } from '../../server/storage/board-store'
import { RoomLog } from '../../server/sync/room-log'
import type { BoardNotice } from '../../shared/protocol/board-notices'

const BOARD = 'b1'

/** A real Yjs update (the log merges them), one key each. */
function edit(n: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('records').set(`shape:${n}`, n)
  return Y.encodeStateAsUpdate(doc)
}
const TIMING = { everyUpdates: 3, quietMs: 1_000, ceilingFactor: 8 }

/** A board's log in memory, whose writes can be told to find storage busy or gone. */
class ScriptedLog implements DocumentLog {
  rows: Uint8Array[] = []
  compactions = 0
  /** The next this-many compactions find storage busy. */
  busyCompactions = 0
  /** Every append from now on fails for good (a deleted board, a dead database). */
  appendsFail = false

  constructor(rowsAlready = 0) {
    for (let i = 0; i < rowsAlready; i++) this.rows.push(new Uint8Array([i]))
  }
  async appendUpdate(_board: string, update: Uint8Array): Promise<void> {
    if (this.appendsFail) throw new Error('relation "board_updates" does not exist')
    this.rows.push(update)
  }
  async loadDocument(): Promise<Uint8Array | null> {
    return null
  }
  async storedBytes(): Promise<number> {
    return this.rows.reduce((sum, row) => sum + row.length, 0)
  }
  async countUpdates(): Promise<number> {
    return this.rows.length
  }
  async compact(_board: string, state?: Uint8Array): Promise<void> {
    if (this.busyCompactions > 0) {
      this.busyCompactions--
      throw new StorageBusy('locked')
    }
    this.compactions++
    this.rows = [state ?? new Uint8Array()]
  }
}

function roomLogOn(store: ScriptedLog) {
  const notices: BoardNotice['kind'][] = []
  const relayed: number[] = []
  let failures = 0
  const log = new RoomLog(
    BOARD,
    { store, log: createLogger('silent'), compaction: TIMING, retryBackoff: { firstMs: 10, maxMs: 10 } },
    () => new Uint8Array([42]),
    {
      stored: (batch) => relayed.push(batch.length),
      notice: (notice) => notices.push(notice.kind),
      failed: () => failures++,
      quotaFreed: () => {},
    },
  )
  return { log, notices, relayed, failures: () => failures }
}

describe("a loaded board's log", () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('folds at a quiet moment, and a pause met on the way ends once the fold goes through', async () => {
    const store = new ScriptedLog()
    const { log, notices } = roomLogOn(store)
    await log.open()
    for (let i = 0; i < 3; i++) {
      log.append(edit(i), 'ana')
      await log.flush() // each its own entry
    }
    store.busyCompactions = 1
    await vi.advanceTimersByTimeAsync(TIMING.quietMs)
    await vi.advanceTimersByTimeAsync(10) // the retry after the busy attempt
    await log.flush()
    expect(store.compactions).toBe(1)
    expect(store.rows).toHaveLength(1)
    expect(notices).toEqual(['saving-paused', 'saving-resumed'])
    expect(log.savingPaused).toBe(false)
  })

  it('arms no fold after close, even for what was stored while closing', async () => {
    const store = new ScriptedLog(3) // long enough to fold
    const { log } = roomLogOn(store)
    await log.open()
    log.append(edit(1), 'ana')
    store.busyCompactions = 1 // close's own fold finds storage busy, and close does not wait
    await log.close() // the edit above is stored during close's flush
    log.append(edit(2), 'ana') // a late one, as a socket's last frame might be
    await log.flush()
    await vi.advanceTimersByTimeAsync(10 * TIMING.quietMs)
    await log.flush()
    expect(store.compactions).toBe(0) // nothing folds a closed board's log behind its back
    expect(store.rows).toHaveLength(5)
  })

  it('stores nothing more once a write failed, not even a fold queued before it', async () => {
    const store = new ScriptedLog(5) // long enough to fold
    const { log, relayed, failures } = roomLogOn(store)
    await log.open()
    store.appendsFail = true
    log.append(edit(1), 'ana') // fails
    log.makeRoom() // a fold queued behind it
    await log.flush()
    expect(log.hasFailed).toBe(true)
    expect(relayed).toEqual([]) // nothing unstored was passed on
    expect(failures()).toBe(1)
    expect(store.compactions).toBe(0)
  })

  it('counts entries in the log: a burst stored as one write is one entry', async () => {
    const store = new ScriptedLog()
    const { log, relayed } = roomLogOn(store)
    await log.open()
    for (let i = 0; i < 10; i++) log.append(edit(i), 'ana') // one batch
    await log.flush()
    expect(relayed).toEqual([10]) // all arrived before the first write began: one write, one relay
    await vi.advanceTimersByTimeAsync(10 * TIMING.quietMs)
    expect(store.compactions).toBe(0) // one entry: not worth folding yet
  })
})
