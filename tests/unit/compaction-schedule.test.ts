import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CompactionSchedule } from '../../server/sync/compaction-schedule'

const TIMING = { everyUpdates: 100, quietMs: 1_000, ceilingFactor: 4 }

describe('when a board folds its update log', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function newSchedule() {
    const compact = vi.fn()
    return { compact, schedule: new CompactionSchedule(TIMING, compact) }
  }

  it('waits for a log long enough to be worth it', () => {
    const { compact, schedule } = newSchedule()
    schedule.stored(99)
    vi.advanceTimersByTime(10_000)
    expect(compact).not.toHaveBeenCalled()
    expect(schedule.pending).toBe(99)
  })

  it('starts at the first quiet moment once the log is long enough', () => {
    const { compact, schedule } = newSchedule()
    expect(schedule.stored(100)).toBe(false)
    vi.advanceTimersByTime(999)
    expect(compact).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(compact).toHaveBeenCalledTimes(1)
  })

  it('is put off by every stored change, so it never lands mid-burst', () => {
    const { compact, schedule } = newSchedule()
    for (let i = 0; i < 30; i++) {
      schedule.stored(10) // one batch every half second: never quiet for a whole second
      vi.advanceTimersByTime(500)
    }
    expect(compact).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(compact).toHaveBeenCalledTimes(1)
  })

  it('asks for it at once when a board that is never quiet reaches the ceiling', () => {
    const { compact, schedule } = newSchedule()
    expect(schedule.stored(399)).toBe(false)
    expect(schedule.stored(1)).toBe(true)
    vi.advanceTimersByTime(10_000)
    expect(compact).not.toHaveBeenCalled() // the caller compacts; no second one follows
  })

  it('starts counting again after a compaction, and forgets a pending one', () => {
    const { compact, schedule } = newSchedule()
    schedule.stored(150)
    schedule.compacted()
    expect(schedule.pending).toBe(0)
    vi.advanceTimersByTime(10_000)
    expect(compact).not.toHaveBeenCalled()
  })

  it('does nothing after it is stopped (the board is closing)', () => {
    const { compact, schedule } = newSchedule()
    schedule.stored(150)
    schedule.stop()
    vi.advanceTimersByTime(10_000)
    expect(compact).not.toHaveBeenCalled()
    expect(schedule.pending).toBe(150) // closing folds what is left itself
    expect(schedule.stored(10_000)).toBe(false) // stored while closing: not even the ceiling
    vi.advanceTimersByTime(10_000)
    expect(compact).not.toHaveBeenCalled()
  })
})
