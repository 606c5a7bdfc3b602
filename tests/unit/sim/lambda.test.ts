import { describe, expect, it } from 'vitest'
import { createSketch, estimateCardinality, insertHash } from '../../../shared/sim/engines/hyperloglog/sketch'
import { createVisitorStream } from '../../../shared/sim/engines/hyperloglog/visitor-stream'
import { type LambdaState, lambdaEngine } from '../../../shared/sim/engines/lambda'
import { murmur3 } from '../../../shared/sim/murmur3'
import { deriveSeed } from '../../../shared/sim/random'
import { metric } from './sim-test-kit'

const engine = lambdaEngine
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)
const apply = (state: LambdaState, rawEvents: unknown[]) =>
  rawEvents.reduce<LambdaState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const view = (state: LambdaState) => engine.view(state)

/** The visitor ids of the first `count` events, read straight from the stream (the master dataset). */
function visitorsOf(seed: number, repeatShare: number, count: number): string[] {
  const stream = createVisitorStream(seed, repeatShare)
  const visitors: string[] = []
  let position = { views: 0, distinct: 0 }
  for (let i = 0; i < count; i++) {
    const { visitor, next } = stream(position)
    visitors.push(visitor)
    position = next
  }
  return visitors
}

describe('lambda engine', () => {
  it('never lets the batch view grow older than cadence + run time while every run succeeds', () => {
    for (const [cadence, run, bucket] of [
      [60, 30, 10],
      [30, 20, 5],
      [120, 45, 20],
      [60, 59, 15],
    ] as const) {
      const params = { cadenceMinutes: cadence, runMinutes: run, bucketMinutes: bucket, eventsPerMinute: 3 }
      const state = apply(start(3, params), [{ type: 'tick', steps: cadence * 6 + run + 1 }])
      expect(metric(view(state), 'max-batch-age')).toBe(cadence + run)
      // sampled at the end of each minute, the age peaks one minute before the publish
      expect(Math.max(...state.history.batchAge)).toBe(cadence + run - 1)
    }
  })

  it('keeps exactly the events since the cutoff in the speed layer, and misses none', () => {
    const state = apply(start(4, { eventsPerMinute: 7 }), [{ type: 'tick', steps: 317 }])
    // runs start every 60 min with their cutoff and publish 30 min later: at 317 the cutoff is 240
    expect(metric(view(state), 'batch-cutoff')).toBe(240)
    expect(metric(view(state), 'speed-events')).toBe(7 * (317 - 240))
    expect(metric(view(state), 'answered-events')).toBe(7 * 317)
    expect(metric(view(state), 'missing-events')).toBe(0)
  })

  it('merges the layers into the sketch of the union, which the sum of the layers overcounts', () => {
    for (const seed of [5, 6, 7]) {
      const params = engine.params.parse({ eventsPerMinute: 25, repeatShare: 0.7, precision: 11 })
      const state = apply(engine.init(params, seed), [{ type: 'tick', steps: 275 }])
      const visitors = visitorsOf(seed, 0.7, 25 * 275)
      const hashSeed = deriveSeed(seed, 'hash')
      const union = createSketch(11)
      for (const visitor of visitors) insertHash(union, murmur3(visitor, hashSeed))
      const batchVisitors = new Set(visitors.slice(0, 25 * 240))
      const speedVisitors = new Set(visitors.slice(25 * 240))
      const exactUnion = new Set(visitors).size

      const shown = view(state)
      expect(metric(shown, 'distinct-merged')).toBe(Math.round(estimateCardinality(union).estimate))
      expect(metric(shown, 'distinct-exact')).toBe(exactUnion)
      // both layers saw many returning visitors, so adding their counts counts them twice
      expect(batchVisitors.size + speedVisitors.size).toBeGreaterThan(exactUnion * 1.1)
      expect(metric(shown, 'distinct-sum')).toBeGreaterThan(metric(shown, 'distinct-merged') * 1.1)
      expect(Math.abs(metric(shown, 'distinct-merged') - exactUnion) / exactUnion).toBeLessThan(
        (4 * 1.04) / Math.sqrt(2 ** 11),
      )
    }
  })

  it('loses uncovered events when entries expire on a timer and one batch run fails', () => {
    const [events, cadence, run, bucket, ttl] = [20, 60, 30, 10, 90]
    const healthy = apply(start(8, { expiry: 'timer', ttlMinutes: ttl }), [{ type: 'tick', steps: 300 }])
    // a TTL of cadence + run is enough while runs succeed
    expect(metric(view(healthy), 'missing-events')).toBe(0)

    const failed = apply(healthy, [{ type: 'fail-batch' }])
    for (const minute of [330, 345, 360, 389]) {
      const state = apply(failed, [{ type: 'tick', steps: minute - 300 }])
      // the 300 min run failed, so the view still stops at 240 until the 360 min run publishes at 390
      const cutoff = 240
      let expiredEntries = 0
      for (let entryStart = cutoff; entryStart < minute; entryStart += bucket)
        if (entryStart + bucket + ttl <= minute) expiredEntries++
      expect(metric(view(state), 'batch-cutoff')).toBe(cutoff)
      expect(metric(view(state), 'missing-events')).toBe(events * bucket * expiredEntries)
    }
    const recovered = apply(failed, [{ type: 'tick', steps: 90 }])
    expect(metric(view(recovered), 'missing-events')).toBe(0)
    expect(metric(view(recovered), 'max-batch-age')).toBe(2 * cadence + run)
  })

  it('loses nothing when entries expire at the cutoff: the speed layer grows instead', () => {
    const state = apply(start(8, { expiry: 'cutoff' }), [
      { type: 'tick', steps: 300 },
      { type: 'fail-batch' },
      { type: 'tick', steps: 89 },
    ])
    expect(metric(view(state), 'missing-events')).toBe(0)
    expect(metric(view(state), 'speed-events')).toBe(20 * (389 - 240))
    expect(metric(view(state), 'realtime-entries')).toBe(Math.ceil((389 - 240) / 10))
  })

  it('shows logic drift as missing events until the batch view covers them', () => {
    const state = apply(start(9), [
      { type: 'tick', steps: 240 },
      { type: 'speed-drift', skipPercent: 30 },
    ])
    const drifting = apply(state, [{ type: 'tick', steps: 29 }])
    const skipped = metric(view(drifting), 'missing-events')
    expect(skipped).toBeGreaterThan(0.15 * 20 * 29)
    expect(skipped).toBeLessThan(0.45 * 20 * 29)
    // the 240 run publishes at 270 and covers everything before 240 only; the next one covers the drift
    const covered = apply(drifting, [
      { type: 'speed-drift', skipPercent: 0 },
      { type: 'tick', steps: 61 + 1 },
    ])
    expect(metric(view(covered), 'batch-cutoff')).toBe(300)
    expect(metric(view(covered), 'missing-events')).toBe(0)
  })

  it('skips a scheduled run while the previous one is still going', () => {
    const state = apply(start(10, { runMinutes: 80 }), [{ type: 'tick', steps: 300 }])
    expect(state.runs.skipped).toBeGreaterThan(0)
    expect(metric(view(state), 'max-batch-age')).toBeGreaterThan(60 + 80)
  })
})
