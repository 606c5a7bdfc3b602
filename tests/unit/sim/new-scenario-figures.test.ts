import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Scenario, scenarioSchema } from '../../../shared/scenarios/scenario-schema'
import { scenarioEvents, type TriggeredFailure } from '../../../shared/scenarios/timeline'
import { replayUntrusted } from '../../../shared/sim/replay'
import { metric } from './sim-test-kit'

const load = (id: string): Scenario =>
  scenarioSchema.parse(JSON.parse(fs.readFileSync(`content/scenarios/${id}.json`, 'utf8')))

/** The view a scenario shows at a step (0-based), with failures triggered along the way. */
function viewAt(scenario: Scenario, step: number, failures: TriggeredFailure[] = []) {
  const result = replayUntrusted(
    scenario.engine,
    scenario.params,
    scenario.seed,
    scenarioEvents(scenario, step, failures),
  )
  if (!result.ok) throw new Error(result.message)
  return result.view
}

/** Every figure a narration, failure text or article quotes, as the engine shows it. */
describe('figures quoted from the lambda-batch-speed scenario', () => {
  const scenario = load('lambda-batch-speed')
  it('match the engine at each step', () => {
    expect(metric(viewAt(scenario, 0), 'answered-events')).toBe(1_780)
    expect(metric(viewAt(scenario, 0), 'realtime-entries')).toBe(9)
    expect(metric(viewAt(scenario, 1), 'max-batch-age')).toBe(90)
    expect(metric(viewAt(scenario, 1), 'speed-events')).toBe(600)
    const union = viewAt(scenario, 2)
    expect(metric(union, 'distinct-batch')).toBe(1_907)
    expect(metric(union, 'distinct-speed')).toBe(999)
    expect(metric(union, 'distinct-sum')).toBe(2_906)
    expect(metric(union, 'distinct-merged')).toBe(2_435)
    expect(metric(union, 'distinct-exact')).toBe(2_424)
    expect(metric(viewAt(scenario, 3), 'realtime-entries')).toBe(6)
    expect(metric(viewAt(scenario, 3), 'answered-events')).toBe(7_200)
  })

  it('match the engine under its failures', () => {
    expect(metric(viewAt(scenario, 2, [{ id: 'failed-batch', atStep: 2 }]), 'missing-events')).toBe(1_000)
    expect(metric(viewAt(scenario, 3, [{ id: 'failed-batch', atStep: 3 }]), 'missing-events')).toBe(0)
    expect(metric(viewAt(scenario, 0, [{ id: 'failed-batch', atStep: 0 }]), 'max-batch-age')).toBe(150)
    expect(metric(viewAt(scenario, 3, [{ id: 'slow-batch', atStep: 3 }]), 'max-batch-age')).toBe(135)
  })
})

describe('figures quoted from the outbox-duplicates scenario', () => {
  const scenario = load('outbox-duplicates')
  it('match the engine at each step and under its failures', () => {
    const first = viewAt(scenario, 0)
    expect([metric(first, 'charged-orders'), metric(first, 'orders'), metric(first, 'mean-unsent')]).toEqual([
      196, 200, 11.68,
    ])
    expect(metric(first, 'mean-delay')).toBeCloseTo(2.96, 2)
    const second = viewAt(scenario, 1)
    expect([metric(second, 'deliveries'), metric(second, 'charged-orders')]).toEqual([614, 596])
    expect(metric(second, 'duplicates-skipped')).toBe(18)
    const third = viewAt(scenario, 2)
    expect([
      metric(third, 'deliveries'),
      metric(third, 'charged-orders'),
      metric(third, 'dedupe-ids'),
    ]).toEqual([1_230, 1_196, 240])
    const replayed = viewAt(scenario, 3)
    expect(metric(replayed, 'deliveries') - metric(third, 'deliveries') - 20).toBe(500)
    expect(metric(replayed, 'double-charges')).toBe(260)
    expect(metric(viewAt(scenario, 4), 'dedupe-ids')).toBe(801)
    const crashed = viewAt(scenario, 1, [{ id: 'relay-crash', atStep: 1 }])
    expect(metric(crashed, 'published') - metric(crashed, 'charged-orders')).toBe(20)
    // with the longer TTL, the same replay adds no double charge
    expect(metric(viewAt(scenario, 4), 'double-charges')).toBe(261)
    expect(metric(viewAt(scenario, 4, [{ id: 'old-replay', atStep: 4 }]), 'double-charges')).toBe(261)
  })
})

describe('figures quoted from the ai-router-review scenario', () => {
  const scenario = load('ai-router-review')
  it('match the engine at each step and under its failures', () => {
    const first = viewAt(scenario, 0)
    expect(metric(first, 'small-share')).toBe(79.93)
    expect(Math.round(metric(first, 'cost-per-request'))).toBe(2_648)
    expect(metric(viewAt(scenario, 1), 'plan-success')).toBe(96.19)
    expect(metric(viewAt(scenario, 2), 'escalation-rate')).toBeCloseTo(0.95, 2)
    expect(metric(viewAt(scenario, 2), 'review-backlog')).toBe(0)
    const degraded = viewAt(scenario, 0, [{ id: 'degraded-classifier', atStep: 0 }])
    // 48 hours at ≈ (15 − 12) an hour
    expect(metric(degraded, 'review-backlog')).toBeGreaterThan(48 * 2)
    expect(metric(degraded, 'review-backlog')).toBeLessThan(48 * 4)
    const longPlans = viewAt(scenario, 0, [{ id: 'long-plans', atStep: 0 }])
    expect(metric(longPlans, 'review-backlog')).toBeGreaterThan(24 * 9)
    expect(metric(longPlans, 'review-backlog')).toBeLessThan(24 * 13)
  })
})
