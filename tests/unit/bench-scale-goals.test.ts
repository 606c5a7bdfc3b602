import { describe, expect, it } from 'vitest'
import { scaleGoals } from '../../bench/scale-report'
import type { FanoutSummary } from '../../bench/scenarios/fanout-latency'

/** A fan-out summary where only the p99 matters. */
function withP99(p99Ms: number): FanoutSummary {
  return {
    boards: 1,
    clients: 10,
    intervalMs: 10,
    runs: 2,
    edits: 300,
    p50Ms: p99Ms / 2,
    p99Ms,
    maxMs: p99Ms,
    meanMs: p99Ms / 2,
    incomplete: 0,
    serverCpuUsPerEdit: 100,
    editsPerSecond: 100,
    clientLoopUtilization: 0.2,
    rssMeanBytes: 1,
    rssMaxBytes: 1,
  }
}

const sizes = (l1: number, l3: number, h3: number) => ({
  label: 'size',
  lockstep1: withP99(l1),
  lockstep3: withP99(l3),
  hocuspocus1: withP99(h3),
  hocuspocus3: withP99(h3),
})

describe('the scale goal (issue 14)', () => {
  it('is met when three instances stay within 1.2× of one and at or below the reference', () => {
    const [goal] = scaleGoals([sizes(10, 12, 12)])
    expect(goal).toEqual({ label: 'size', threeOverOne: 1.2, threeOverReference: 1, met: true })
  })

  it('is not met when three instances pass 1.2× of one, even far below the reference', () => {
    expect(scaleGoals([sizes(10, 12.5, 100)])[0]?.met).toBe(false)
  })

  it('is not met when three instances are slower than the reference, even within 1.2× of one', () => {
    expect(scaleGoals([sizes(10, 11, 10.5)])[0]?.met).toBe(false)
  })

  it('is not met when a figure is missing (no runs: NaN)', () => {
    expect(scaleGoals([sizes(Number.NaN, 11, 12)])[0]?.met).toBe(false)
  })
})
