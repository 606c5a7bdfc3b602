import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../../../server/content/scenario-catalog'
import { loadTemplates } from '../../../server/content/template-catalog'
import { scenarioEvents, type TriggeredFailure } from '../../../shared/scenarios/timeline'
import { replayUntrusted } from '../../../shared/sim/replay'
import type { SimView } from '../../../shared/sim/view'
import { metric } from './sim-test-kit'

const templates = new Map(loadTemplates('content/templates').map((t) => [t.id, t]))
const scenarios = new Map(loadScenarios('content/scenarios', (id) => templates.get(id)).map((s) => [s.id, s]))

/** The view a scenario shows at a step (0-based), with any failures triggered on the way. */
function viewAt(id: string, step: number, failures: TriggeredFailure[] = []): SimView {
  const scenario = scenarios.get(id)
  if (!scenario) throw new Error(`no scenario ${id}`)
  const result = replayUntrusted(
    scenario.engine,
    scenario.params,
    scenario.seed,
    scenarioEvents(scenario, step, failures),
  )
  if (!result.ok) throw new Error(result.message)
  return result.view
}

// Every figure below is written in the scenario's narration or checkpoint; these tests keep them true.
describe('the narrated figures of the new scenarios', () => {
  it('llm-batching-kv-cache: 123 → 2,615 → 5,400 tokens/s, 152 then 172 sequences', () => {
    const one = viewAt('llm-batching-kv-cache', 0)
    expect(Math.round(metric(one, 'tokens-per-second'))).toBe(123)
    expect(metric(one, 'step-ms')).toBeCloseTo(8.1, 1)
    const batch = viewAt('llm-batching-kv-cache', 1)
    expect(metric(batch, 'batch')).toBe(32)
    expect(metric(batch, 'kv-used-gb')).toBeCloseTo(8.5, 1)
    expect(Math.round(metric(batch, 'tokens-per-second') / 5) * 5).toBe(2_615)
    expect(metric(batch, 'step-ms')).toBeCloseTo(12.2, 1)
    const full = viewAt('llm-batching-kv-cache', 2)
    expect([metric(full, 'batch'), metric(full, 'waiting'), metric(full, 'evictions')]).toEqual([152, 80, 0])
    expect(Math.round(metric(full, 'tokens-per-second') / 100) * 100).toBe(5_400)
    const int8 = viewAt('llm-batching-kv-cache', 3)
    expect([
      metric(int8, 'kv-capacity-tokens'),
      metric(int8, 'batch'),
      metric(int8, 'batch-one-ceiling'),
    ]).toEqual([518_798, 172, 250])
    expect(Math.round(metric(int8, 'tokens-per-second') / 10) * 10).toBe(6_370)
    const burst = viewAt('llm-batching-kv-cache', 3, [{ id: 'long-prompts-no-admission', atStep: 3 }])
    expect(metric(burst, 'wasted-tokens')).toBeGreaterThan(1_000_000)
    const noGqa = viewAt('llm-batching-kv-cache', 3, [{ id: 'no-gqa', atStep: 3 }])
    expect(metric(noGqa, 'kv-bytes-per-token')).toBe(4 * 131_072)
    expect(metric(noGqa, 'evictions')).toBeGreaterThan(0)
  })

  it('checkout-slow-dependency: the orders pool fills, history fails, containment brings it back', () => {
    const healthy = viewAt('checkout-slow-dependency', 0)
    expect(metric(healthy, 'history-success')).toBe(100)
    const slow = viewAt('checkout-slow-dependency', 1)
    expect(metric(slow, 'orders-in-flight')).toBe(200)
    expect(metric(slow, 'history-success')).toBeLessThan(20)
    expect(metric(slow, 'stock-success')).toBe(100)
    const storm = viewAt('checkout-slow-dependency', 2)
    expect(metric(storm, 'worst-case-attempts')).toBe(64)
    expect(storm.nodes.payments?.badges[0]).toBe('400/400 threads')
    expect(storm.nodes['card-processor']?.badges[1]).toBe('800 in flight')
    expect([metric(storm, 'checkout-success'), metric(storm, 'history-success')]).toEqual([0, 0])
    const contained = viewAt('checkout-slow-dependency', 3)
    expect(metric(contained, 'history-success')).toBe(100)
    expect(metric(contained, 'checkout-success')).toBeLessThan(10)
    expect(metric(contained, 'shed')).toBeGreaterThan(0)
    const recovered = viewAt('checkout-slow-dependency', 4)
    expect(metric(recovered, 'checkout-success')).toBe(100)
    const dbSlow = viewAt('checkout-slow-dependency', 0, [{ id: 'orders-db-slow', atStep: 0 }])
    expect(metric(dbSlow, 'checkout-success')).toBeLessThan(90)
  })

  it('serverless-campaign-burst: 17 + 50 copies, 42,532 waiting, alarm at 306 s, drained at 801 s', () => {
    const start = viewAt('serverless-campaign-burst', 0)
    expect([
      metric(start, 'accept-copies'),
      metric(start, 'process-copies'),
      metric(start, 'connections'),
    ]).toEqual([17, 50, 67])
    expect(Math.round(metric(start, 'backlog') / 10) * 10).toBe(3_570)
    const ended = viewAt('serverless-campaign-burst', 1)
    expect([metric(ended, 'backlog'), metric(ended, 'oldest-age')]).toEqual([42_532, 102])
    expect(Math.round(metric(ended, 'drain-time'))).toBe(681)
    const alarm = viewAt('serverless-campaign-burst', 2)
    expect(metric(alarm, 'oldest-age')).toBe(306)
    expect(alarm.nodes.alarms?.health).toBe('failed')
    expect([metric(alarm, 'throttled'), metric(alarm, 'dead-lettered'), metric(alarm, 'refused')]).toEqual([
      0, 0, 0,
    ])
    const drained = viewAt('serverless-campaign-burst', 3)
    expect(metric(drained, 'backlog')).toBe(0)
    expect(drained.log.some((line) => line.startsWith('t=801 queue empty'))).toBe(true)
    const uncapped = viewAt('serverless-campaign-burst', 1, [{ id: 'no-concurrency-cap', atStep: 0 }])
    expect(metric(uncapped, 'dead-lettered')).toBeGreaterThan(0)
    expect(metric(uncapped, 'email-rejected')).toBeGreaterThan(0)
    const slow = viewAt('serverless-campaign-burst', 0, [{ id: 'visibility-shorter-than-run', atStep: 0 }])
    expect(metric(slow, 'duplicates')).toBeGreaterThan(0)
  })

  it('strangler-billing-routing: nobody split by customer routing, 945 noisy reads, 44 real ones, 41% split per request', () => {
    const first = viewAt('strangler-billing-routing', 0)
    expect(metric(first, 'mixed-customers')).toBe(0)
    expect(first.edges['facade->module-billing']?.rate).toBe(100)
    const raw = viewAt('strangler-billing-routing', 1)
    expect(raw.nodes['parity-check']?.badges[0]).toBe('945 of 945 differ')
    const bug = viewAt('strangler-billing-routing', 2)
    expect(bug.nodes['parity-check']?.badges[0]).toBe('44 of 938 differ')
    const widened = viewAt('strangler-billing-routing', 3)
    expect(widened.nodes['parity-check']?.badges[0]).toBe('0 of 972 differ')
    expect(metric(widened, 'mixed-customers')).toBe(0)
    expect(widened.edges['facade->module-billing']?.rate).toBe(251)
    const split = viewAt('strangler-billing-routing', 0, [{ id: 'per-request-routing', atStep: 0 }])
    expect(metric(split, 'expected-mixed-share')).toBeCloseTo(41, 0)
    expect(Math.abs(metric(split, 'mixed-share') - 41)).toBeLessThan(5)
    expect(metric(split, 'misled-customers')).toBeGreaterThan(0)
  })

  it('keeps the workshop checkpoints true: the slow orders DB hurts checkout; the cap and visibility failures', () => {
    const recovered = viewAt('checkout-slow-dependency', 4)
    expect(metric(recovered, 'checkout-success')).toBe(100)
    const dbSlow = viewAt('checkout-slow-dependency', 4, [{ id: 'orders-db-slow', atStep: 4 }])
    expect(metric(dbSlow, 'checkout-success')).toBeGreaterThan(60) // "about a quarter" lost
    expect(metric(dbSlow, 'checkout-success')).toBeLessThan(90)
    expect(metric(dbSlow, 'stock-success')).toBe(100)

    const uncapped = viewAt('serverless-campaign-burst', 1, [{ id: 'no-concurrency-cap', atStep: 1 }])
    expect(metric(uncapped, 'refused')).toBeGreaterThan(0)
    expect(metric(uncapped, 'throttled')).toBe(0)
    const slow = viewAt('serverless-campaign-burst', 0, [{ id: 'visibility-shorter-than-run', atStep: 0 }])
    expect(slow.nodes['fn-process']?.badges).toContain('2 copies per order')
  })
})
