import { describe, expect, it } from 'vitest'
import { type KappaState, kappaEngine } from '../../../shared/sim/engines/kappa'
import { type ConsumerGroup, lagOf } from '../../../shared/sim/engines/kappa/consumer-group'
import { randomStream } from '../../../shared/sim/random'
import { metric } from './sim-test-kit'

const engine = kappaEngine
const apply = (state: KappaState, rawEvents: unknown[]) =>
  rawEvents.reduce<KappaState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

/** The log and one live consumer, tick by tick, written out plainly. */
function independentRun(
  seed: number,
  ticks: number,
  partitions: number,
  produceRate: number,
  consumeRate: number,
) {
  const head = Array<number>(partitions).fill(0)
  const position = Array<number>(partitions).fill(0)
  for (let tick = 1; tick <= ticks; tick++) {
    const random = randomStream(seed, 'produce', tick)
    for (let record = 0; record < produceRate; record++) {
      const p = random.below(partitions)
      head[p] = (head[p] ?? 0) + 1
    }
    for (let p = 0; p < partitions; p++)
      position[p] = Math.min(head[p] ?? 0, (position[p] ?? 0) + consumeRate)
  }
  return { head, position, lag: sum(head) - sum(position) }
}

describe('kappa engine', () => {
  it('moves offsets and lag exactly as an independent log-and-consumer model does', () => {
    for (const seed of [1, 2, 3]) {
      // consumers slower than producers, so lag builds up
      const state = apply(start(seed, { partitions: 3, produceRate: 45, consumeRate: 12 }), [
        { type: 'tick', steps: 80 },
      ])
      const expected = independentRun(seed, 80, 3, 45, 12)
      expect(state.partitions.map((partition) => partition.head)).toEqual(expected.head)
      expect(state.v1?.position).toEqual(expected.position)
      expect(metric(engine.view(state), 'lag-v1')).toBe(expected.lag)
      expect(metric(engine.view(state), 'head')).toBe(80 * 45)
    }
  })

  it('re-processes exactly the uncommitted records after a consumer crash (at-least-once)', () => {
    for (const ticks of [21, 23, 24]) {
      const before = apply(start(4, { commitInterval: 5 }), [{ type: 'tick', steps: ticks }])
      const v1 = before.v1
      if (!v1) throw new Error('v1 missing')
      const uncommitted = sum(v1.position) - sum(v1.committed)
      expect(uncommitted).toBeGreaterThan(0)
      const after = apply(before, [
        { type: 'crash', group: 'v1' },
        { type: 'tick', steps: 20 },
      ])
      expect(after.v1?.reprocessed).toBe(uncommitted)
      expect(metric(engine.view(after), 'reprocessed')).toBe(uncommitted)
    }
  })

  it('replays v2 from offset 0, catches up faster than live, and switches readers', () => {
    const state = apply(start(6), [
      { type: 'tick', steps: 100 },
      { type: 'ship-bug' },
      { type: 'tick', steps: 50 },
      { type: 'bug-found' },
      { type: 'deploy-v2' },
    ])
    expect(state.v2?.position).toEqual([0, 0, 0, 0])
    expect(state.v2?.lost).toBe(0)
    const buggyFrom = state.v1?.buggyFrom ?? []
    expect(metric(engine.view(state), 'wrong-v1')).toBe(sum(state.v1?.highWater ?? []) - sum(buggyFrom))

    const caughtUp = apply(state, [{ type: 'tick', steps: 30 }, { type: 'switch-reads' }])
    expect(caughtUp.v2?.mode).toBe('live')
    expect(metric(engine.view(caughtUp), 'lag-v2')).toBeLessThanOrEqual(80)
    expect(caughtUp.readsFrom).toBe('v2')
    expect(engine.view(caughtUp).nodes.readers?.health).toBe('healthy')
  })

  it('loses exactly the offsets retention deleted when v2 must start after them', () => {
    const state = apply(start(8, { retention: 500 }), [{ type: 'tick', steps: 200 }, { type: 'deploy-v2' }])
    const deleted = state.partitions.map((partition) => Math.max(0, partition.head - 500))
    expect(state.partitions.map((partition) => partition.logStart)).toEqual(deleted)
    expect(state.v2?.position).toEqual(deleted)
    expect(metric(engine.view(state), 'lost-v2')).toBe(sum(deleted))
    expect(sum(deleted)).toBe(200 * 40 - 4 * 500)
    expect(engine.view(state).nodes['serving-v2']?.health).toBe('degraded')
  })

  it('trims the log at once when retention is cut, and a lagging consumer skips what was deleted', () => {
    const state = apply(start(9, { consumeRate: 5 }), [
      { type: 'tick', steps: 100 },
      { type: 'set-retention', offsets: 100 },
      { type: 'tick' },
    ])
    const v1 = state.v1
    if (!v1) throw new Error('v1 missing')
    expect(state.partitions.every((partition) => partition.head - partition.logStart === 100)).toBe(true)
    expect(v1.lost).toBeGreaterThan(0)
    expect(v1.position.every((position, p) => position >= (state.partitions[p]?.logStart ?? 0))).toBe(true)
  })

  it('shares broker bandwidth between replay and live reads: replay + live ≤ bandwidth on every partition, every tick', () => {
    const events = [
      { type: 'tick', steps: 20 },
      { type: 'bug-found' },
      { type: 'set-broker-bandwidth', recordsPerPartition: 40 },
      { type: 'deploy-v2' },
    ].map((raw) => kappaEngine.events.parse(raw))
    let state = events.reduce(
      (current, event) => kappaEngine.apply(current, event),
      kappaEngine.init(kappaEngine.params.parse({ consumeRate: 12 }), 3),
    )
    const lags: number[] = []
    for (let tick = 0; tick < 6; tick++) {
      const before = state
      state = kappaEngine.apply(state, kappaEngine.events.parse({ type: 'tick' }))
      state.partitions.forEach((_, p) => {
        const readV1 = (state.v1?.position[p] ?? 0) - (before.v1?.position[p] ?? 0)
        const readV2 = (state.v2?.position[p] ?? 0) - (before.v2?.position[p] ?? 0)
        expect(readV1 + readV2, `tick ${state.tick}, partition ${p}`).toBeLessThanOrEqual(40)
      })
      expect(state.v2?.mode).toBe('replaying')
      lags.push(lagOf(state.v1 as ConsumerGroup, state.partitions))
    }
    // 10 records per partition arrive each tick; the replay's 60-record ask leaves v1 less than that
    for (let i = 1; i < lags.length; i++) expect(lags[i]).toBeGreaterThan(lags[i - 1] as number)

    // a quota on the replay leaves room: v1's lag stops growing
    let quota = kappaEngine.apply(state, kappaEngine.events.parse({ type: 'throttle-replay', rate: 25 }))
    quota = kappaEngine.apply(quota, kappaEngine.events.parse({ type: 'tick', steps: 4 }))
    expect(lagOf(quota.v1 as ConsumerGroup, quota.partitions)).toBeLessThan(lags[lags.length - 1] as number)
  })
})
