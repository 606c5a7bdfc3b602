import { describe, expect, it } from 'vitest'
import { type ServerlessState, serverlessEngine } from '../../../shared/sim/engines/serverless'
import { metric } from './sim-test-kit'

const engine = serverlessEngine
const start = (rawParams: unknown) => engine.init(engine.params.parse(rawParams), 7)
const run = (state: ServerlessState, ...rawEvents: unknown[]) =>
  rawEvents.reduce<ServerlessState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const campaign = { type: 'campaign', orders: 50_000, seconds: 120 }
const backlog = (state: ServerlessState) => metric(engine.view(state), 'backlog')

describe('serverless engine', () => {
  it("reproduces the article's worked burst: 42,500 waiting after two minutes, empty 680 s later", () => {
    // 50,000 orders in 120 s; 800 ms per order; 50 copies; no background traffic, no start-up time
    const quiet = start({ baseRate: 0, coldStartMs: 0, processConcurrency: 50, processMs: 800, acceptMs: 40 })
    const drainRate = 50 / 0.8 // orders per second
    const afterCampaign = run(quiet, campaign, { type: 'tick', steps: 120 })
    expect(backlog(afterCampaign)).toBe(50_000 - 120 * drainRate)
    expect(backlog(afterCampaign)).toBe(42_500)
    expect(metric(engine.view(afterCampaign), 'drain-time')).toBe(42_500 / drainRate)

    const oneSecondEarly = run(afterCampaign, { type: 'tick', steps: 679 })
    expect(backlog(oneSecondEarly)).toBeGreaterThan(0)
    const drained = run(oneSecondEarly, { type: 'tick', steps: 1 })
    expect(backlog(drained)).toBe(0)
    expect(drained.drainedAt).toBe(120 + 680)
    expect(drained.totals.processed).toBe(50_000)
  })

  it('runs rate × duration copies: 17 accept copies, and the cap of 50 keeps the database at 67 connections', () => {
    const state = run(start({ baseRate: 0, coldStartMs: 0 }), campaign, { type: 'tick', steps: 30 })
    expect(metric(engine.view(state), 'accept-copies')).toBe(Math.ceil(((50_000 / 120) * 40) / 1000))
    expect(metric(engine.view(state), 'process-copies')).toBe(50)
    expect(metric(engine.view(state), 'connections')).toBe(17 + 50)
    expect(state.totals.refused).toBe(0)
  })

  it('without a cap opens about 333 copies against 100 connections, and refused orders end in the DLQ', () => {
    const first = run(start({ baseRate: 0, processConcurrency: null }), campaign, { type: 'tick', steps: 1 })
    const arrived = Math.floor(50_000 / 120)
    expect(metric(engine.view(first), 'process-copies')).toBe(Math.ceil(arrived * 0.8))
    expect(metric(engine.view(first), 'process-copies')).toBe(333)
    expect(metric(engine.view(first), 'refused')).toBe(333 + 17 - 100)
    expect(metric(engine.view(first), 'connections')).toBe(100)

    // a refused order comes back after the 30 s visibility timeout; the fifth failure dead-letters it
    const later = run(first, { type: 'tick', steps: 200 })
    expect(later.totals.deadLettered).toBeGreaterThan(0)
    const capped = run(start({ baseRate: 0 }), campaign, { type: 'tick', steps: 201 })
    expect(capped.totals.deadLettered).toBe(0)
  })

  it('runs ⌈run time / visibility timeout⌉ copies of each order when the timeout is shorter than the run', () => {
    const slow = run(
      start({ baseRate: 0, visibilityTimeoutMs: 30_000 }),
      { type: 'set-process-time', ms: 45_000 },
      campaign,
      { type: 'tick', steps: 120 },
    )
    expect(slow.totals.processed).toBeGreaterThan(0)
    expect(slow.totals.duplicates).toBe(slow.totals.processed * (Math.ceil(45 / 30) - 1))
    const safe = run(
      start({ baseRate: 0, visibilityTimeoutMs: 270_000 }),
      { type: 'set-process-time', ms: 45_000 },
      campaign,
      {
        type: 'tick',
        steps: 120,
      },
    )
    expect(safe.totals.processed).toBeGreaterThan(0)
    expect(safe.totals.duplicates).toBe(0)
  })

  it('reports the age of the oldest waiting order, FIFO, from the send times alone', () => {
    let state = run(start({ baseRate: 0, coldStartMs: 0 }), campaign)
    for (const seconds of [60, 120, 300, 500]) {
      state = run(state, { type: 'tick', steps: seconds - state.tick })
      // orders sent by the end of second s: ⌊50,000·s/120⌋; the oldest waiting one is the first not yet processed
      const processed = state.totals.processed
      let sentIn = 1
      while (Math.floor((50_000 * sentIn) / 120) <= processed) sentIn++
      expect(metric(engine.view(state), 'oldest-age')).toBe(seconds - sentIn)
    }
    expect(engine.view(state).nodes.alarms?.health).toBe('failed')
  })

  it('starts environments cold again after they sat idle longer than the idle limit', () => {
    const params = { baseRate: 0, idleSeconds: 60 }
    const first = run(
      start(params),
      { type: 'campaign', orders: 100, seconds: 1 },
      { type: 'tick', steps: 10 },
    )
    const coldAfterFirst = first.totals.coldStarts
    expect(coldAfterFirst).toBeGreaterThan(0)
    const warmAgain = run(first, { type: 'campaign', orders: 100, seconds: 1 }, { type: 'tick', steps: 10 })
    expect(warmAgain.totals.coldStarts).toBe(coldAfterFirst)
    const afterQuiet = run(
      warmAgain,
      { type: 'tick', steps: 120 },
      { type: 'campaign', orders: 100, seconds: 1 },
      {
        type: 'tick',
        steps: 10,
      },
    )
    expect(afterQuiet.totals.coldStarts).toBeGreaterThan(coldAfterFirst)
  })

  it('logs a second campaign while one runs as ignored', () => {
    const state = run(start({}), campaign, campaign)
    expect(state.log.at(-1)).toContain('ignored')
  })
})
