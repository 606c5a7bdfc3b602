import { describe, expect, it } from 'vitest'
import { type CanaryState, canaryBurnRate, canaryEngine } from '../../../shared/sim/engines/canary'
import { binomialUpperTail } from '../../../shared/sim/engines/canary/gate'
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

/** P(X ≥ k) for X ~ Binomial(n, p), summed term by term from log-factorials (an independent route). */
function independentUpperTail(k: number, n: number, p: number): number {
  const logFactorial = [0]
  for (let i = 1; i <= n; i++) logFactorial.push((logFactorial[i - 1] as number) + Math.log(i))
  const at = (i: number) => logFactorial[i] as number
  let tail = 0
  for (let i = Math.max(0, k); i <= n; i++) {
    tail += Math.exp(at(n) - at(i) - at(n - i) + i * Math.log(p) + (n - i) * Math.log1p(-p))
  }
  return tail
}

/** Window sums of one version's requests and errors. */
const sums = (state: CanaryState, version: 'stable' | 'canary') => ({
  requests: state.window.reduce((total, tick) => total + tick[version].requests, 0),
  errors: state.window.reduce((total, tick) => total + tick[version].errors, 0),
})

/** The comparison's verdict computed independently: odds that stable's rate (plus one error) gives this many canary errors. */
function independentOdds(state: CanaryState): number | null {
  const canary = sums(state, 'canary')
  const stable = sums(state, 'stable')
  if (stable.requests === 0 || canary.requests < state.params.minWindowRequests) return null
  return independentUpperTail(canary.errors, canary.requests, (stable.errors + 1) / (stable.requests + 1))
}

/** The scenario's cadence: ten ticks at 0%, then ten ticks at each step; `failure` lands `at` a step, then five ticks. */
function rollout(
  seed: number,
  rawParams: unknown,
  failure?: { type: string; at: number },
  visit: (state: CanaryState) => void = () => {},
): CanaryState {
  let state = start(seed, rawParams)
  const ticks = (count: number) => {
    for (let tick = 0; tick < count; tick++) {
      state = engine.apply(state, oneTick)
      visit(state)
    }
  }
  for (let step = 0; step < 5; step++) {
    if (step > 0) state = apply(state, [{ type: 'promote' }])
    ticks(10)
    if (failure?.at === step) {
      state = apply(state, [{ type: failure.type }])
      ticks(5)
    }
  }
  return state
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

  it('computes the binomial tail a canary is judged by like an independent log-space sum', () => {
    for (const [k, n, p] of [
      [0, 200, 0.0005],
      [1, 200, 0.0008],
      [3, 200, 0.0008],
      [8, 1033, 0.0003],
      [25, 2000, 0.0005],
      [40, 4000, 0.01],
    ] as const) {
      const expected = independentUpperTail(k, n, p)
      expect(Math.abs(binomialUpperTail(k, n, p) - expected) / Math.max(expected, 1e-300)).toBeLessThan(1e-9)
    }
  })

  it('rolls back on exactly the tick the comparison with stable first finds the canary worse, never before', () => {
    for (let seed = 0; seed < 25; seed++) {
      let state = apply(start(seed), [
        { type: 'promote' },
        { type: 'tick', steps: 5 },
        { type: 'bad-version' },
      ])
      let caughtAt: number | null = null
      while (caughtAt === null && state.tick < 200) {
        state = engine.apply(state, oneTick)
        const odds = independentOdds(state)
        if (odds !== null && odds < state.params.maxFalseAlarm) caughtAt = state.tick
        else expect(state.status).toBe('baking')
      }
      expect(caughtAt).not.toBeNull()
      expect(state.status).toBe('rolled-back')
      expect(state.rolledBackAt).toBe(caughtAt)
      expect(state.canaryShare).toBe(0)
      expect(engine.view(state).nodes.canary?.health).toBe('failed')
    }
  })

  it('catches a build failing 1% of requests against a stable 0.05% before it reaches 100%, in every run', () => {
    expect(engine.params.parse({}).subtleErrorRate).toBe(0.01)
    expect(engine.params.parse({}).stableErrorRate).toBe(0.0005)
    for (let seed = 0; seed < 40; seed++) {
      for (const at of [1, 2]) {
        const state = rollout(seed, {}, { type: 'subtle-regression', at })
        expect(state.status, `seed ${seed}, regression at step ${at}`).toBe('rolled-back')
      }
    }
  })

  it('lets the same subtle regression reach 100% under the absolute burn-rate gate (its burn rate is about 10 < 14.4)', () => {
    // 1% errors against a 99.9% SLO burn the budget at 0.01 / 0.001 = 10 times the allowed pace.
    expect(0.01 / (1 - 0.999)).toBeLessThan(14.4)
    const seed = 5 // the scenario's seed and cadence
    for (const at of [1, 2, 3]) {
      const compared = rollout(seed, {}, { type: 'subtle-regression', at })
      expect(compared.status, `compared with stable, at step ${at}`).toBe('rolled-back')
      const windowsBurn: number[] = []
      const state = rollout(
        seed,
        { gate: 'absolute-burn-rate' },
        { type: 'subtle-regression', at },
        (state) => {
          if (sums(state, 'canary').requests >= state.params.minWindowRequests)
            windowsBurn.push(independentBurnRate(state))
        },
      )
      expect(state.status, `absolute gate, at step ${at}`).toBe('promoted')
      expect(Math.max(...windowsBurn)).toBeLessThanOrEqual(14.4)
    }
  })

  it('gives no verdict before the canary has served the minimum window, even when it fails every request', () => {
    let state = apply(start(8, { badErrorRate: 1 }), [{ type: 'promote' }, { type: 'bad-version' }])
    expect(state.params.minWindowRequests).toBeGreaterThan(0)
    while (state.status === 'baking' && state.tick < 100) {
      state = engine.apply(state, oneTick)
      if (state.status === 'baking') expect(sums(state, 'canary').requests).toBeLessThan(100)
    }
    expect(state.status).toBe('rolled-back')
    expect(sums(state, 'canary').requests).toBeGreaterThanOrEqual(100)
  })

  it('promotes a good version through every step without a rollback', () => {
    for (let seed = 0; seed < 40; seed++) {
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
    expect(sums(state, 'canary').requests).toBeLessThan(100)
    expect(state.status).toBe('baking')
    expect(engine.view(state).nodes['slo-monitor']?.badges[0]).toMatch(/^waiting: \d+ more canary requests$/)
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
