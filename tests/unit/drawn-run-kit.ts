import { graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'
import { advanceDrawnRun, type DrawnRun, startDrawnRun } from '../../shared/session/drawn-run'
import { hashState } from '../../shared/sim/state-hash'

/** Users → API → database, run with `seed` and the given stamped changes. */
export function threeBoxRun(seed: number, events: DrawnRun['events'] = []): DrawnRun {
  return {
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
    seed,
    events,
    startedAt: 0,
    pausedAtTick: null,
    pendingChange: null,
  }
}

/** The independent answer: a replay from tick 0, as the server and a late joiner compute it. */
export const replayedHash = (run: DrawnRun, tick: number) =>
  hashState(advanceDrawnRun(startDrawnRun(run), run, tick).state)
