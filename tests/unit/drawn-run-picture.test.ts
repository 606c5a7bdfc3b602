import { beforeEach, describe, expect, it } from 'vitest'
import { pictureAt, replayDrawnRunFromStart } from '../../client/simulation/useDrawnRun'
import type { DrawnRun } from '../../shared/session/drawn-run'
import { replayedHash, threeBoxRun } from './drawn-run-kit'

const run: DrawnRun = threeBoxRun(7)

const replayed = replayedHash

describe('the hash a screen reports for a drawn run', () => {
  beforeEach(() => replayDrawnRunFromStart())

  it('is the replay’s at each check tick while the run plays', () => {
    for (const tick of [10, 49, 50, 73, 100, 101]) pictureAt(run, tick)
    expect(pictureAt(run, 101).check).toEqual({ tick: 100, hash: replayed(run, 100) })
  })

  it('is hashed again when a change reaches this screen after it passed the change’s tick', () => {
    // this screen already stands at tick 53, its check at 50 hashed without the chaos
    pictureAt(run, 53)
    const late: DrawnRun = { ...run, events: [{ atTick: 48, event: { type: 'kill-box', box: 'shape:db' } }] }
    const picture = pictureAt(late, 54)
    expect(picture.check).toEqual({ tick: 50, hash: replayed(late, 50) })
    expect(picture.check?.hash).not.toBe(replayed(run, 50))
    expect(picture.run).toBe(late)
  })

  it('keeps its check when the new change comes after it', () => {
    pictureAt(run, 53)
    const later: DrawnRun = { ...run, events: [{ atTick: 54, event: { type: 'kill-box', box: 'shape:db' } }] }
    expect(pictureAt(later, 55).check).toEqual({ tick: 50, hash: replayed(later, 50) })
  })
})
