import { describe, expect, it } from 'vitest'
import { graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'
import { advanceDrawnRun, type DrawnRun, startDrawnRun } from '../../shared/session/drawn-run'
import { DrawnRunHashes } from '../../shared/session/drawn-run-hashes'
import { hashState } from '../../shared/sim/state-hash'

const run: DrawnRun = {
  snapshot: graphSnapshotSchema.parse({
    boxes: [
      { id: 'shape:users', kind: 'client' },
      { id: 'shape:api', kind: 'service' },
      { id: 'shape:db', kind: 'database' },
    ],
    calls: [
      { id: 'shape:a1', from: 'shape:users', to: 'shape:api' },
      { id: 'shape:a2', from: 'shape:api', to: 'shape:db' },
    ],
  }),
  seed: 11,
  events: [{ atTick: 30, event: { type: 'kill-box', box: 'shape:db' } }],
  startedAt: 0,
  pausedAtTick: null,
  pendingChange: null,
}

/** The independent answer: a replay from tick 0, as a late joiner computes it. */
const replayed = (r: DrawnRun, tick: number) => hashState(advanceDrawnRun(startDrawnRun(r), r, tick).state)

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
