import { describe, expect, it } from 'vitest'
import { type AiRouterState, aiRouterEngine } from '../../../shared/sim/engines/ai-router'
import { metric } from './sim-test-kit'

const engine = aiRouterEngine
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)
const apply = (state: AiRouterState, rawEvents: unknown[]) =>
  rawEvents.reduce<AiRouterState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)

/** Four standard errors of a share p measured over n trials. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n)

/** The expected escalation share, written out from the routing rules. */
function expectedEscalation(noise: number, threshold: number, hard: number, steps: number): number {
  const aboveThreshold = 1 - threshold / 100
  const smallEasy =
    ((1 - noise) * Math.max(0, 100 - Math.max(threshold, hard))) / 100 +
    noise * (1 - hard / 100) * aboveThreshold
  const smallHard =
    ((1 - noise) * Math.max(0, hard - threshold)) / 100 + noise * (hard / 100) * aboveThreshold
  const planner = 1 - smallEasy - smallHard
  return smallEasy * 0.0025 + smallHard * 0.5 + planner * (1 - 0.99 ** steps)
}

describe('ai-router engine', () => {
  it('costs p·c_small + (1 − p)·c_large per request', () => {
    for (const threshold of [20, 50, 80]) {
      const state = apply(start(1, { threshold }), [{ type: 'tick', steps: 40 }])
      const p = 1 - threshold / 100
      const n = 40_000
      expect(Math.abs(metric(engine.view(state), 'small-share') / 100 - p)).toBeLessThan(tolerance(p, n))
      const expected = p * 300 + (1 - p) * 12_000
      // the cost is linear in the small share, so its tolerance follows from the share's
      expect(Math.abs(metric(engine.view(state), 'cost-per-request') - expected)).toBeLessThan(
        tolerance(p, n) * (12_000 - 300),
      )
    }
  })

  it('finishes a whole plan with probability sᵏ', () => {
    for (const steps of [1, 4, 12]) {
      const state = apply(start(2, { planSteps: steps, threshold: 60 }), [{ type: 'tick', steps: 30 }])
      const expected = 0.99 ** steps
      const plans = state.totals.planner
      expect(plans).toBeGreaterThan(15_000)
      expect(Math.abs(metric(engine.view(state), 'plan-success') / 100 - expected)).toBeLessThan(
        tolerance(expected, plans),
      )
    }
  })

  it('escalates about 1% with a healthy classifier and about 1.5% with a degraded one', () => {
    const n = 200_000
    for (const noise of [0, 0.065]) {
      const state = apply(start(3), [
        { type: 'degrade-classifier', noise },
        { type: 'tick', steps: n / 1_000 },
      ])
      const expected = expectedEscalation(noise, 20, 20, 4)
      expect(Math.abs(metric(engine.view(state), 'escalation-rate') / 100 - expected)).toBeLessThan(
        tolerance(expected, n),
      )
    }
    expect(expectedEscalation(0, 20, 20, 4)).toBeCloseTo(0.00988, 5)
    expect(expectedEscalation(0.065, 20, 20, 4)).toBeCloseTo(0.01505, 5)
  })

  it('grows the review backlog by escalations − reviewer capacity per hour once degraded', () => {
    const healthy = apply(start(4), [{ type: 'tick', steps: 48 }])
    expect(metric(engine.view(healthy), 'review-backlog')).toBeLessThan(30)
    const hours = 200
    const degraded = apply(healthy, [
      { type: 'degrade-classifier', noise: 0.065 },
      { type: 'tick', steps: hours },
    ])
    const escalationsPerHour = 1_000 * expectedEscalation(0.065, 20, 20, 4)
    const growth =
      metric(engine.view(degraded), 'review-backlog') - metric(engine.view(healthy), 'review-backlog')
    const expected = (escalationsPerHour - 12) * hours
    expect(Math.abs(growth - expected)).toBeLessThan(4 * Math.sqrt(escalationsPerHour * hours) + 30)
    expect(growth).toBeGreaterThan(400)
  })

  it('drains the backlog again when reviewers outpace escalations', () => {
    const state = apply(start(5), [
      { type: 'degrade-classifier', noise: 0.065 },
      { type: 'tick', steps: 100 },
      { type: 'set-review-capacity', perTick: 30 },
      { type: 'tick', steps: 100 },
    ])
    expect(metric(engine.view(state), 'review-backlog')).toBeLessThan(30)
  })
})
