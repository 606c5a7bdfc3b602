import { describe, expect, it } from 'vitest'
import type { DrawnRun } from '../../shared/session/drawn-run'
import { DrawnRunHashes } from '../../shared/session/drawn-run-hashes'
import { replayedHash, threeBoxRun } from './drawn-run-kit'

const run: DrawnRun = threeBoxRun(11, [{ atTick: 30, event: { type: 'kill-box', box: 'shape:db' } }])

const replayed = replayedHash

describe("the server's hashes of a drawn run", () => {
  it('match a replay from tick 0 at any tick, forwards, backwards and after a new change', () => {
    const hashes = new DrawnRunHashes()
    for (const tick of [50, 100, 20, 100, 75]) expect(hashes.hashAt(run, tick)).toBe(replayed(run, tick))
    const changed: DrawnRun = {
      ...run,
      events: [...run.events, { atTick: 100, event: { type: 'undo-chaos' } }],
    }
    expect(hashes.hashAt(changed, 150)).toBe(replayed(changed, 150))
    expect(hashes.hashAt(changed, 150)).not.toBe(replayed(run, 150))
  })

  it('tells another run (new seed) apart', () => {
    const hashes = new DrawnRunHashes()
    const other = { ...run, seed: 12 }
    expect(hashes.hashAt(run, 60)).toBe(replayed(run, 60))
    expect(hashes.hashAt(other, 60)).toBe(replayed(other, 60))
  })
})
