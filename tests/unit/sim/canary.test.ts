import { describe, expect, it } from 'vitest'
import { type CanaryState, canaryBurnRate, canaryEngine } from '../../../shared/sim/engines/canary'
import { metric } from './sim-test-kit'

const engine = canaryEngine
const apply = (state: CanaryState, rawEvents: unknown[]) =>
  rawEvents.reduce<CanaryState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)
const oneTick = engine.events.parse({ type: 'tick', steps: 1 })

/** Burn rate from the window's raw counts: error rate over the error budget (1 − SLO). */
function independentBurnRate(state: CanaryState): number {
  const requests = state.window.reduce((total, tick) => total + tick.canary.requests, 0)
  const errors = state.window.reduce((total, tick) => total + tick.canary.errors, 0)
  return requests === 0 ? 0 : errors / requests / (1 - state.params.sloTarget)
}

describe('canary engine', () => {
  it('computes the burn rate from the window’s request and error counts', () => {
    let state = apply(start(3), [{ type: 'promote' }, { type: 'promote' }, { type: 'bad-version' }])
    for (let tick = 0; tick < 30; tick++) {
      state = engine.apply(state, oneTick)
      if (state.status !== 'baking') break
      expect(state.window.length).toBeLessThanOrEqual(10)
      expect(canaryBurnRate(state)).toBe(independentBurnRate(state))
      expect(metric(engine.view(state), 'burn-rate')).toBeCloseTo(independentBurnRate(state), 2)
    }
  })

  it('rolls back on exactly the tick the burn rate first crosses the threshold, never before', () => {
    for (let seed = 0; seed < 25; seed++) {
      let state = apply(start(seed), [
        { type: 'promote' },
        { type: 'tick', steps: 5 },
        { type: 'bad-version' },
      ])
      let crossedAt: number | null = null
      while (crossedAt === null && state.tick < 200) {
        state = engine.apply(state, oneTick)
        if (independentBurnRate(state) > state.params.burnRateThreshold) crossedAt = state.tick
        else expect(state.status).toBe('baking')
      }
      expect(crossedAt).not.toBeNull()
      expect(state.status).toBe('rolled-back')
      expect(state.rolledBackAt).toBe(crossedAt)
      expect(state.canaryShare).toBe(0)
      expect(engine.view(state).nodes.canary?.health).toBe('failed')
    }
  })

  it('promotes a good version through every step without a rollback', () => {
    for (let seed = 0; seed < 10; seed++) {
      const state = apply(start(seed), [
        { type: 'promote' },
        { type: 'tick', steps: 10 },
        { type: 'promote' },
        { type: 'tick', steps: 10 },
        { type: 'promote' },
        { type: 'tick', steps: 10 },
        { type: 'promote' },
        { type: 'tick', steps: 10 },
      ])
      expect(state.status).toBe('promoted')
      expect(state.canaryShare).toBe(100)
    }
  })

  it('shows a wide confidence interval when the canary sample is small (noisy metrics)', () => {
    const ciWidth = (rawParams: unknown, share: number) => {
      const state = apply(start(12, { ...(rawParams as object), autoRollback: false }), [
        { type: 'promote', percent: share },
        { type: 'bad-version' },
        { type: 'tick', steps: 10 },
      ])
      const view = engine.view(state)
      return metric(view, 'burn-rate-high') - metric(view, 'burn-rate-low')
    }
    const small = ciWidth({ requestsPerTick: 40 }, 5)
    const large = ciWidth({ requestsPerTick: 400 }, 50)
    expect(small).toBeGreaterThan(4 * large)
  })

  it('does not judge a window with fewer canary requests than the gate requires', () => {
    const state = apply(start(2, { requestsPerTick: 40, minWindowRequests: 100 }), [
      { type: 'promote' },
      { type: 'bad-version' },
      { type: 'tick', steps: 30 },
    ])
    expect(independentBurnRate(state)).toBeGreaterThan(state.params.burnRateThreshold)
    expect(state.status).toBe('baking')
  })

  it('makes a bad version slower at the 99th percentile than stable', () => {
    const state = apply(start(4, { autoRollback: false }), [
      { type: 'promote', percent: 50 },
      { type: 'bad-version' },
      { type: 'tick', steps: 10 },
    ])
    const view = engine.view(state)
    expect(metric(view, 'p99-canary')).toBeGreaterThan(metric(view, 'p99-stable'))
  })
})
