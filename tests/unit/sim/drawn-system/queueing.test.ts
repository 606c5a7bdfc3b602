import { describe, expect, it } from 'vitest'
import { drawnBoxFigures } from '../../../../shared/sim/engines/drawn-system/view'
import { boxIndex, chain, drain, eachTick, engine, plainStation, run, start, threeSigma } from './drawn-kit'

/** Erlang C: the chance an arrival waits in an M/M/c queue with offered load a = λ/μ (a < c). */
function erlangC(c: number, a: number): number {
  let term = 1
  let sum = 0
  for (let k = 0; k < c; k++) {
    sum += term
    term = (term * a) / (k + 1)
  }
  // term is now a^c / c!
  const last = (term * c) / (c - a)
  return last / (sum + last)
}

describe('drawn-system engine: queueing at one box', () => {
  it.each([
    { c: 1, lambda: 60, mu: 100 },
    { c: 3, lambda: 240, mu: 100 },
  ])(
    'matches the M/M/c mean wait (Erlang C) within 6% for c=$c, λ=$lambda/s, μ=$mu/s (mean of 3 seeds, 800 s each)',
    ({ c, lambda, mu }) => {
      const ticks = 8_000
      const waits = [1, 2, 3].map((seed) => {
        const props = { ...plainStation, replicas: c, capacityPerReplica: mu }
        const final = run(start(chain(lambda, [{ id: 'box', kind: 'service', props }]), seed), ticks)
        const i = boxIndex(final, 'box')
        // the arrivals the box saw are a Poisson stream at λ
        expect(Math.abs((final.totals.accepted[i] ?? 0) / (ticks / 10) - lambda) / lambda).toBeLessThan(0.02)
        return (final.totals.waitUs[i] ?? 0) / (final.totals.accepted[i] ?? 1) / 1e6
      })
      const measured = waits.reduce((sum, w) => sum + w, 0) / waits.length
      const expected = erlangC(c, lambda / mu) / (c * mu - lambda)
      expect(Math.abs(measured - expected) / expected).toBeLessThan(0.06)
    },
    60_000,
  )

  it("obeys Little's law L = λW at every box of a chain, with L sampled at tick ends", () => {
    const graph = chain(150, [
      { id: 'front', kind: 'service', props: { ...plainStation, replicas: 2, capacityPerReplica: 100 } },
      { id: 'back', kind: 'database', props: { ...plainStation, replicas: 1, capacityPerReplica: 200 } },
    ])
    const samples: Record<string, number> = { front: 0, back: 0 }
    const ticks = 3_000
    const final = eachTick(start(graph, 3), ticks, (state) => {
      for (const id of ['front', 'back']) {
        const i = boxIndex(state, id)
        samples[id] = (samples[id] ?? 0) + (state.last.queue[i] ?? 0) + (state.last.busy[i] ?? 0)
      }
    })
    for (const id of ['front', 'back']) {
      const i = boxIndex(final, id)
      const L = (samples[id] ?? 0) / ticks
      const lambda = (final.totals.accepted[i] ?? 0) / (ticks / 10)
      const W = (final.totals.sojournUs[i] ?? 0) / (final.totals.accepted[i] ?? 1) / 1e6
      expect(Math.abs(L - lambda * W) / L, id).toBeLessThan(0.05)
    }
  }, 30_000)

  it('shows each box busy for ρ = λ/(cμ) of its replicas’ time, and every box and call on the overlay', () => {
    const props = { ...plainStation, replicas: 2, capacityPerReplica: 100 }
    let busy = 0
    const ticks = 2_000
    const final = eachTick(start(chain(120, [{ id: 'box', kind: 'service', props }]), 5), ticks, (state) => {
      busy += drawnBoxFigures(state).box?.utilisation ?? 0
    })
    expect(Math.abs(busy / ticks - 120 / (2 * 100))).toBeLessThan(0.03)
    const view = engine.view(final)
    expect(Object.keys(view.nodes).sort()).toEqual(['box', 'users'])
    expect(view.edges['users->box']?.rate).toBeGreaterThan(0)
  })

  it('refuses requests beyond the queue limit and counts them as errors', () => {
    const graph = chain(300, [
      {
        id: 'box',
        kind: 'service',
        props: { ...plainStation, capacityPerReplica: 100, replicas: 1, queueLimit: 5 },
      },
    ])
    const final = run(start(graph, 2), 200)
    const i = boxIndex(final, 'box')
    expect(final.totals.failed).toBeGreaterThan(0)
    expect(final.last.queue[i]).toBeLessThanOrEqual(5)
    expect(final.totals.arrivals[i]).toBe((final.totals.accepted[i] ?? 0) + final.totals.failed)
  })
})

describe('drawn-system engine: caches, availability and retries', () => {
  it('sends (1 − h)·λ of a cache’s lookups onwards to the database', () => {
    const h = 0.7
    const graph = chain(500, [
      { id: 'cache', kind: 'cache', props: { ...plainStation, cacheHitRatio: h } },
      { id: 'db', kind: 'database', props: { ...plainStation, capacityPerReplica: 10_000 } },
    ])
    const final = run(start(graph, 4), 1_000)
    const lookups = final.totals.arrivals[boxIndex(final, 'cache')] ?? 0
    const misses = final.totals.arrivals[boxIndex(final, 'db')] ?? 0
    expect(lookups).toBeGreaterThan(40_000)
    expect(Math.abs(misses / lookups - (1 - h))).toBeLessThan(threeSigma(1 - h, lookups))
  })

  it('has the availability of boxes in series: the product of theirs', () => {
    const p = [0.1, 0.2, 0.05]
    const graph = chain(
      400,
      p.map((failureProbability, i) => ({
        id: `hop-${i}`,
        kind: 'service' as const,
        props: { ...plainStation, failureProbability },
      })),
    )
    const final = drain(run(start(graph, 5), 600))
    const done = final.totals.ok + final.totals.failed
    const expected = (1 - 0.1) * (1 - 0.2) * (1 - 0.05)
    expect(done).toBeGreaterThan(20_000)
    expect(Math.abs(final.totals.ok / done - expected)).toBeLessThan(threeSigma(expected, done))
  })

  it('has the availability of two boxes in parallel behind a retrying balancer: 1 − the product of failures', () => {
    const graph = {
      boxes: [
        { id: 'users', kind: 'client' as const, props: { ratePerSecond: 400 } },
        {
          id: 'lb',
          kind: 'load-balancer' as const,
          props: { ...plainStation, retries: 1, backoffMs: 0, timeoutMs: 1_000 },
        },
        { id: 'a', kind: 'service' as const, props: { ...plainStation, failureProbability: 0.3 } },
        { id: 'b', kind: 'service' as const, props: { ...plainStation, failureProbability: 0.2 } },
      ],
      calls: [
        { id: 'c1', from: 'users', to: 'lb' },
        { id: 'c2', from: 'lb', to: 'a' },
        { id: 'c3', from: 'lb', to: 'b' },
      ],
    }
    const final = drain(run(start(graph, 6), 600))
    const done = final.totals.ok + final.totals.failed
    const expected = 1 - 0.3 * 0.2
    expect(Math.abs(final.totals.ok / done - expected)).toBeLessThan(threeSigma(expected, done))
  })

  it('multiplies attempts down a chain of retrying callers: (1 + r₁)(1 + r₂) calls reach a dead end', () => {
    const graph = chain(50, [
      { id: 'a', kind: 'service', props: { ...plainStation, retries: 2, backoffMs: 1, timeoutMs: 1_000 } },
      { id: 'b', kind: 'service', props: { ...plainStation, retries: 3, backoffMs: 1, timeoutMs: 1_000 } },
      { id: 'c', kind: 'service', props: { ...plainStation, failureProbability: 1 } },
    ])
    const final = drain(run(start(graph, 8), 100))
    const roots = final.totals.arrivals[boxIndex(final, 'a')] ?? 0
    expect(roots).toBeGreaterThan(300)
    expect(final.totals.failed).toBe(roots)
    expect(final.totals.arrivals[boxIndex(final, 'b')]).toBe(3 * roots)
    expect(final.totals.arrivals[boxIndex(final, 'c')]).toBe(12 * roots)
  })
})
