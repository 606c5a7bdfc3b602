import { describe, expect, it } from 'vitest'
import { type StranglerState, stranglerEngine } from '../../../shared/sim/engines/strangler'
import { metric } from './sim-test-kit'

const engine = stranglerEngine
const start = (rawParams: unknown, seed = 9) => engine.init(engine.params.parse(rawParams), seed)
const run = (state: StranglerState, ...rawEvents: unknown[]) =>
  rawEvents.reduce<StranglerState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const oneTick = { type: 'tick', steps: 1 }

describe('strangler engine', () => {
  it('splits 1 − 0.9ⁿ − 0.1ⁿ of customers across both systems after n requests routed per request at 10%', () => {
    const customers = 20_000
    let state = start({ customers, billingPercent: 10, billingRouting: 'per-request' })
    for (let n = 1; n <= 8; n++) {
      state = run(state, oneTick)
      const expected = 1 - 0.9 ** n - 0.1 ** n
      const observed = metric(engine.view(state), 'mixed-customers') / customers
      const sigma = Math.sqrt((expected * (1 - expected)) / customers) || 1 / customers
      expect(Math.abs(observed - expected)).toBeLessThan(4 * sigma)
    }
    expect(metric(engine.view(state), 'mixed-share')).toBeGreaterThan(55)
  })

  it('keeps every customer on one system with per-customer routing, and moves about the share of customers', () => {
    const customers = 20_000
    const state = run(start({ customers, billingRouting: 'per-customer' }), { type: 'tick', steps: 8 })
    expect(metric(engine.view(state), 'mixed-customers')).toBe(0)
    const onNew = state.lastTick.billingNew / customers
    expect(Math.abs(onNew - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / customers))
  })

  it('shows customers a wrong balance only when each system keeps its own payments', () => {
    const split = run(start({ customers: 2_000 }), { type: 'tick', steps: 10 })
    expect(split.totals.payments).toBeGreaterThan(0)
    expect(metric(engine.view(split), 'misled-customers')).toBeGreaterThan(0)
    const oneRecord = run(start({ customers: 2_000, systemOfRecord: 'legacy' }), { type: 'tick', steps: 10 })
    expect(oneRecord.totals.payments).toBeGreaterThan(0)
    expect(metric(engine.view(oneRecord), 'wrong-views')).toBe(0)
    const byCustomer = run(start({ customers: 2_000, billingRouting: 'per-customer' }), {
      type: 'tick',
      steps: 10,
    })
    expect(metric(engine.view(byCustomer), 'wrong-views')).toBe(0)
  })

  it('compares both systems’ answers: raw, every read differs by its timestamp; normalised, only real differences remain', () => {
    const clean = { customers: 2_000, systemOfRecord: 'legacy' }
    const raw = run(start(clean), { type: 'tick', steps: 3 })
    expect(raw.totals.compared).toBeGreaterThan(0)
    expect(raw.totals.harmless).toBe(raw.totals.compared)
    expect(raw.totals.real).toBe(0)

    const normalised = run(start({ ...clean, normaliseParity: true }), { type: 'tick', steps: 3 })
    expect(normalised.totals.harmless + normalised.totals.real).toBe(0)
    const withBug = run(normalised, { type: 'ship-bug' }, { type: 'tick', steps: 3 })
    const share = withBug.lastTick.real / withBug.lastTick.compared
    expect(share).toBeGreaterThan(0.03)
    expect(share).toBeLessThan(0.07) // bugShare 5%, one customer one read
    const fixed = run(withBug, { type: 'fix-bug' }, { type: 'tick', steps: 1 })
    expect(fixed.lastTick.real).toBe(0)
  })

  it('counts requests per customer from the last routing change', () => {
    const state = run(
      start({ customers: 100 }),
      { type: 'tick', steps: 4 },
      { type: 'set-route', route: 'billing', percent: 25 },
      {
        type: 'tick',
        steps: 2,
      },
    )
    expect(metric(engine.view(state), 'requests-per-customer')).toBe(2)
    expect(metric(engine.view(state), 'expected-mixed-share')).toBeCloseTo(
      (1 - 0.75 ** 2 - 0.25 ** 2) * 100,
      1,
    )
  })
})
