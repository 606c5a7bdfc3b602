import { describe, expect, it } from 'vitest'
import { cutCalls } from '../../../../shared/sim/engines/drawn-system/cut-calls'
import { hashState } from '../../../../shared/sim/state-hash'
import { metric } from '../sim-test-kit'
import { apply, boxIndex, engine, run, start } from './drawn-kit'

/** Users → balancer → two API replicas → a cache in front of a database, plus a job queue. */
const shop = {
  boxes: [
    { id: 'users', kind: 'client' as const, props: { ratePerSecond: 200 } },
    { id: 'lb', kind: 'load-balancer' as const },
    { id: 'api-1', kind: 'service' as const },
    { id: 'api-2', kind: 'service' as const },
    { id: 'cache', kind: 'cache' as const, props: { cacheHitRatio: 0.9 } },
    { id: 'db', kind: 'database' as const, props: { replicas: 1, capacityPerReplica: 120 } },
  ],
  calls: [
    { id: 'a1', from: 'users', to: 'lb' },
    { id: 'a2', from: 'lb', to: 'api-1' },
    { id: 'a3', from: 'lb', to: 'api-2' },
    { id: 'a4', from: 'api-1', to: 'cache' },
    { id: 'a5', from: 'api-2', to: 'cache' },
    { id: 'a6', from: 'cache', to: 'db' },
  ],
}

const errorRate = (state: ReturnType<typeof start>) => metric(engine.view(state), 'error-rate')

describe('drawn-system engine: chaos', () => {
  it('gives the same state hash for the same seed and events, and another for another seed', () => {
    const script = (seed: number) => {
      let state = run(start(shop, seed), 30)
      state = apply(state, { type: 'kill-box', box: 'api-1' })
      state = apply(state, { type: 'tick', steps: 10 })
      state = apply(state, { type: 'undo-chaos' })
      return run(state, 10)
    }
    expect(hashState(script(11))).toBe(hashState(script(11)))
    expect(hashState(script(12))).not.toBe(hashState(script(11)))
  })

  it('routes around a killed replica behind a balancer: no errors, the survivor takes the load', () => {
    let state = run(start(shop, 2), 50)
    state = apply(state, { type: 'kill-box', box: 'api-1' })
    state = run(state, 50)
    const before = state.totals.arrivals[boxIndex(state, 'api-1')]
    state = run(state, 50)
    expect(state.totals.arrivals[boxIndex(state, 'api-1')]).toBe(before)
    expect(errorRate(state)).toBeLessThan(1)
    expect(engine.view(state).nodes['api-1']?.health).toBe('failed')
  })

  it('fails every request when a read-through cache with no other path dies, and recovers on undo', () => {
    let state = apply(run(start(shop, 3), 30), { type: 'kill-box', box: 'cache' })
    state = run(state, 20)
    expect(errorRate(state)).toBe(100)
    state = run(apply(state, { type: 'undo-chaos' }), 20)
    expect(errorRate(state)).toBeLessThan(2)
  })

  it('drops the hit rate to zero after a cache flush, sends the misses to the database and raises p99', () => {
    let state = run(start(shop, 4), 100)
    const p99Before = metric(engine.view(state), 'p99')
    const dbBefore = state.last.arrivals[boxIndex(state, 'db')] ?? 0
    state = run(apply(state, { type: 'cache-flush', box: 'cache' }), 10)
    const view = engine.view(state)
    expect(metric(view, 'cache-hit-rate')).toBeLessThan(20)
    expect(state.last.arrivals[boxIndex(state, 'db')]).toBeGreaterThan(3 * dbBefore)
    expect(metric(view, 'p99')).toBeGreaterThan(2 * p99Before)
    expect(view.nodes.cache?.health).toBe('recovering')
  })

  it('makes callers across a partition wait for their timeouts', () => {
    let state = run(start(shop, 5), 20)
    state = apply(state, { type: 'partition', a: ['api-1', 'api-2'], b: ['cache', 'db'] })
    state = run(state, 30)
    expect(state.last.timeouts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0)
    expect(state.last.arrivals[boxIndex(state, 'cache')]).toBe(0)
  })

  it('multiplies the offered traffic during a spike and stops when it is over', () => {
    let state = run(start(shop, 6), 20)
    state = run(apply(state, { type: 'traffic-spike', factor: 3, ticks: 20 }), 20)
    const during = state.history.throughput.slice(-20).reduce((sum, n) => sum + n, 0) / 20
    state = run(state, 40)
    const after = state.history.throughput.slice(-20).reduce((sum, n) => sum + n, 0) / 20
    expect(during).toBeGreaterThan(2 * after)
    expect(after).toBeGreaterThan(150)
  })

  it('logs chaos on a box that is not on the diagram as ignored', () => {
    const state = apply(start(shop, 1), { type: 'kill-box', box: 'ghost' })
    expect(state.log.at(-1)).toContain('ignored')
  })

  it('applies property changes while running: more replicas cost more', () => {
    let state = run(start(shop, 1), 5)
    const cost = metric(engine.view(state), 'cost-per-hour')
    state = run(apply(state, { type: 'set-props', box: 'api-1', props: { replicas: 6 } }), 1)
    expect(metric(engine.view(state), 'cost-per-hour')).toBeCloseTo(cost + 4 * 0.1, 5)
  })
})

describe('drawn-system engine: a killed traffic source', () => {
  it('stops sending while killed and sends again once the chaos is undone', () => {
    let state = apply(run(start(shop, 9), 10), { type: 'kill-box', box: 'users' })
    state = run(state, 20)
    const stopped = state.totals.arrivals[boxIndex(state, 'lb')]
    state = run(state, 10)
    expect(state.totals.arrivals[boxIndex(state, 'lb')]).toBe(stopped)
    state = run(apply(state, { type: 'undo-chaos', box: 'users' }), 20)
    expect(state.totals.arrivals[boxIndex(state, 'lb')]).toBeGreaterThan((stopped ?? 0) + 200)
  })
})

describe('drawn-system engine: the calls a partition cuts', () => {
  it('are the calls with one end on each side, and none once the chaos is undone', () => {
    let state = run(start(shop, 3), 5)
    expect(cutCalls(state)).toEqual([])
    state = apply(state, { type: 'partition', a: ['api-1', 'api-2'], b: ['cache', 'db'] })
    // a4 and a5 cross; a6 stays on one side; a1–a3 touch a box in neither group
    expect(cutCalls(state)).toEqual(['a4', 'a5'])
    state = apply(state, { type: 'undo-chaos' })
    expect(cutCalls(state)).toEqual([])
  })
})
