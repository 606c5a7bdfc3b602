import { describe, expect, it } from 'vitest'
import {
  advanceDrawnRun,
  type DrawnRun,
  drawnRunEvents,
  drawnRunSchema,
  drawnRunTick,
  startDrawnRun,
} from '../../shared/session/drawn-run'
import { replayUntrusted } from '../../shared/sim/replay'
import { hashState } from '../../shared/sim/state-hash'

const snapshot = {
  boxes: [
    { id: 'shape:users', kind: 'client', props: { ratePerSecond: 80 } },
    { id: 'shape:api', kind: 'service' },
    { id: 'shape:cache', kind: 'cache' },
    { id: 'shape:db', kind: 'database' },
  ],
  calls: [
    { id: 'shape:a1', from: 'shape:users', to: 'shape:api' },
    { id: 'shape:a2', from: 'shape:api', to: 'shape:cache' },
    { id: 'shape:a3', from: 'shape:cache', to: 'shape:db' },
  ],
}

/** A run whose facilitator injected chaos at ticks 12 and 30 and changed a property at 30 too. */
const run: DrawnRun = drawnRunSchema.parse({
  snapshot,
  seed: 42,
  events: [
    { atTick: 12, event: { type: 'kill-box', box: 'shape:cache' } },
    { atTick: 30, event: { type: 'undo-chaos' } },
    { atTick: 30, event: { type: 'set-props', box: 'shape:api', props: { replicas: 4 } } },
  ],
  startedAt: 1_000_000,
  pausedAtTick: null,
})

const replayHash = (tick: number) => {
  const result = replayUntrusted('drawn-system', run.snapshot, run.seed, drawnRunEvents(run, tick))
  if (!result.ok) throw new Error(result.message)
  return result.hash
}

describe('a drawn run in the session', () => {
  it('stands at the tick the server clock gives, or where it was paused', () => {
    expect(drawnRunTick(run, 1_000_000)).toBe(0)
    expect(drawnRunTick(run, 1_000_000 + 2_549)).toBe(25)
    expect(drawnRunTick({ ...run, pausedAtTick: 7 }, 9_999_999)).toBe(7)
  })

  it('applies each change once the run reaches its tick', () => {
    const events = drawnRunEvents(run, 40)
    expect(events.map((e) => (e.type === 'tick' ? `tick ${e.steps}` : e.type))).toEqual([
      'tick 12',
      'kill-box',
      'tick 18',
      'undo-chaos',
      'set-props',
      'tick 10',
    ])
    expect(drawnRunEvents(run, 20).map((e) => e.type)).toEqual(['tick', 'kill-box', 'tick'])
  })

  it('reaches the replay’s state hash frame by frame, applying only what is new', () => {
    let cursor = startDrawnRun(run)
    for (const tick of [0, 3, 11, 12, 13, 29, 30, 31, 45]) {
      cursor = advanceDrawnRun(cursor, run, tick)
      expect(cursor.tick).toBe(tick)
      expect(hashState(cursor.state), `tick ${tick}`).toBe(replayHash(tick))
    }
    expect(cursor.applied).toBe(3)
  })

  it('starts again from tick 0 when a change lands behind its cursor, and still matches the replay', () => {
    const ahead = advanceDrawnRun(startDrawnRun(run), { ...run, events: [] }, 20)
    const cursor = advanceDrawnRun(ahead, run, 35)
    expect(hashState(cursor.state)).toBe(replayHash(35))
  })
})
