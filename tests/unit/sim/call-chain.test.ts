import { describe, expect, it } from 'vitest'
import { type CallChainState, callChainEngine } from '../../../shared/sim/engines/call-chain'
import { metric } from './sim-test-kit'

const engine = callChainEngine
const start = (rawParams: unknown, seed = 5) => engine.init(engine.params.parse(rawParams), seed)
const run = (state: CallChainState, ...rawEvents: unknown[]) =>
  rawEvents.reduce<CallChainState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const oneTick = engine.events.parse({ type: 'tick', steps: 1 })
const roomy = { 'api-gateway': 10_000, orders: 10_000, payments: 10_000, inventory: 10_000 }
const patient = { 'api-gateway': 1_000, orders: 1_000, payments: 1_000, inventory: 1_000 }

describe('call-chain engine', () => {
  it("keeps λ·W calls in flight at orders (Little's law), with W the processor's latency", () => {
    let state = start({ rates: { checkout: 20, history: 0, stock: 0 }, latency: { 'card-processor': 5 } })
    const arrivals: number[] = []
    for (let tick = 1; tick <= 400; tick++) {
      const before = state.totals.arrived.checkout
      state = engine.apply(state, oneTick)
      arrivals.push(state.totals.arrived.checkout - before)
      // a checkout holds an orders thread from its arrival until the answer 5 ticks later
      const expected = arrivals.slice(-5).reduce((sum, count) => sum + count, 0)
      expect(state.inFlight.orders ?? 0).toBe(expected)
    }
    const lambda = state.totals.arrived.checkout / 400
    const meanInFlight =
      state.history.ordersInFlight.reduce((sum, v) => sum + v, 0) / state.history.ordersInFlight.length
    expect(Math.abs(meanInFlight - lambda * 5) / (lambda * 5)).toBeLessThan(0.05)
  })

  it('multiplies attempts along the chain: ∏ (1 + retries) calls reach a dead processor per checkout', () => {
    for (const [retries, attempts] of [
      [{ 'api-gateway': 3, orders: 3, payments: 3 }, 64],
      [{ 'api-gateway': 1, orders: 2, payments: 3 }, 24],
      [{ 'api-gateway': 0, orders: 0, payments: 0 }, 1],
    ] as const) {
      let state = start({
        rates: { checkout: 2, history: 0, stock: 0 },
        retries,
        pools: roomy,
        timeouts: patient,
        availability: { 'card-processor': 0 },
      })
      state = run(
        state,
        { type: 'tick', steps: 20 },
        { type: 'set-rate', endpoint: 'checkout', perTick: 0 },
        { type: 'tick', steps: 200 },
      )
      expect(state.calls).toHaveLength(0)
      expect(state.totals.arrived.checkout).toBeGreaterThan(10)
      expect(state.totals.attempts['payments->card-processor']).toBe(attempts * state.totals.arrived.checkout)
      expect(metric(engine.view(state), 'worst-case-attempts')).toBe(attempts)
    }
  })

  it('succeeds with the product of the hops’ availabilities when they fail independently', () => {
    const availability = { 'api-gateway': 0.95, orders: 0.9, payments: 0.9, 'card-processor': 0.8 }
    let state = start({ rates: { checkout: 20, history: 0, stock: 0 }, pools: roomy, availability })
    state = run(state, { type: 'tick', steps: 2_000 })
    const expected = 0.95 * 0.9 * 0.9 * 0.8
    const finished = state.totals.succeeded.checkout + state.totals.failed.checkout
    const observed = state.totals.succeeded.checkout / finished
    const sigma = Math.sqrt((expected * (1 - expected)) / finished)
    expect(finished).toBeGreaterThan(35_000)
    expect(Math.abs(observed - expected)).toBeLessThan(4 * sigma)
    expect(metric(engine.view(state), 'checkout-availability')).toBeCloseTo(expected * 100, 3)
  })

  it('sheds every call while a breaker is open for its configured time, then lets the probes through', () => {
    const breaker = {
      enabled: true,
      edges: ['payments->card-processor'],
      minCalls: 20,
      failureRate: 0.5,
      openTicks: 30,
      probes: 5,
    }
    let state = start({
      rates: { checkout: 10, history: 0, stock: 0 },
      breaker,
      availability: { 'card-processor': 0 },
    })
    const passed: number[] = []
    let openedAt = 0
    for (let tick = 1; tick <= 120; tick++) {
      state = engine.apply(state, oneTick)
      const attempts = state.lastTick.attempts['payments->card-processor'] ?? 0
      passed.push(attempts - (state.lastTick.rejected['payments->card-processor'] ?? 0))
      if (openedAt === 0 && state.breakers['payments->card-processor']?.status === 'open') openedAt = tick
    }
    expect(openedAt).toBeGreaterThan(0)
    expect(passed[openedAt - 1]).toBeGreaterThan(0)
    for (let tick = openedAt + 1; tick < openedAt + 30; tick++) expect(passed[tick - 1]).toBe(0)
    expect(passed[openedAt + 30 - 1]).toBe(5) // half-open: exactly the configured probes
    expect(metric(engine.view(state), 'shed')).toBeGreaterThan(0)
  })

  it('lets a slow processor fill the orders pool and fail the unrelated history endpoint, unless a bulkhead guards it', () => {
    const slowdown = [
      { type: 'tick', steps: 30 },
      { type: 'set-latency', dependency: 'card-processor', ticks: 20 },
      { type: 'tick', steps: 40 },
    ]
    const naive = run(start({ retries: { 'api-gateway': 3, orders: 3, payments: 3 } }), ...slowdown)
    const healthyBefore = run(start({ retries: { 'api-gateway': 3, orders: 3, payments: 3 } }), {
      type: 'tick',
      steps: 30,
    })
    expect(metric(engine.view(healthyBefore), 'history-success')).toBe(100)
    expect(naive.inFlight.orders).toBe(200)
    expect(metric(engine.view(naive), 'history-success')).toBeLessThan(10)
    expect(metric(engine.view(naive), 'stock-success')).toBe(100)

    const guarded = run(
      start({ retries: { payments: 1 }, bulkheads: { 'orders->payments': 100 }, breaker: { enabled: true } }),
      ...slowdown,
    )
    expect(metric(engine.view(guarded), 'history-success')).toBe(100)
    expect(metric(engine.view(guarded), 'checkout-success')).toBeLessThan(10)
  })

  it('logs a bulkhead on an edge that does not exist as ignored', () => {
    const state = run(start({}), { type: 'set-bulkhead', edge: 'orders->nowhere', limit: 3 })
    expect(state.log.at(-1)).toContain('ignored')
    expect(state.bulkheads).toEqual({})
  })
})
