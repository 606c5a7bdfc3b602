import { describe, expect, it } from 'vitest'
import { type OutboxState, outboxEngine } from '../../../shared/sim/engines/outbox'
import { metric } from './sim-test-kit'

const engine = outboxEngine
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)
const apply = (state: OutboxState, rawEvents: unknown[]) =>
  rawEvents.reduce<OutboxState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const view = (state: OutboxState) => engine.view(state)

describe('outbox engine', () => {
  it("keeps λ × the commit-to-publish delay rows unsent on average (Little's law)", () => {
    for (const [orders, poll] of [
      [4, 5],
      [7, 3],
      [2, 10],
      [5, 1],
    ] as const) {
      const state = apply(start(1, { ordersPerTick: orders, pollTicks: poll }), [
        { type: 'tick', steps: poll * 200 },
      ])
      // the relay polls before each tick's commits, so a row waits 1 … P ticks: (P + 1) / 2 on average
      // (the first cycle, with no commit at tick 0, is one tick short: hence 1% and not exact)
      const meanDelay = (poll + 1) / 2
      expect(Math.abs(metric(view(state), 'mean-delay') / meanDelay - 1)).toBeLessThan(0.01)
      expect(Math.abs(metric(view(state), 'mean-unsent') / (orders * meanDelay) - 1)).toBeLessThan(0.01)
    }
  })

  it('charges every order exactly once while deliveries exceed the orders', () => {
    for (const seed of [2, 3, 4]) {
      const state = apply(start(seed, { ackLossChance: 0.2 }), [{ type: 'tick', steps: 200 }])
      // the poll at 200 published everything committed at ticks 1 … 199
      const publishedOrders = 4 * 199
      const shown = view(state)
      expect(metric(shown, 'charged-orders')).toBe(publishedOrders)
      expect(state.receiver.charges).toEqual(Array(publishedOrders).fill(1))
      expect(metric(shown, 'deliveries')).toBeGreaterThan(publishedOrders * 1.1)
      expect(metric(shown, 'double-charges')).toBe(0)
    }
  })

  it('republishes the whole crashed batch after a relay restart, and the dedupe store absorbs it', () => {
    const before = apply(start(5, { ackLossChance: 0 }), [
      { type: 'tick', steps: 22 },
      { type: 'relay-crash' },
    ])
    const after = apply(before, [{ type: 'tick', steps: 30 }])
    // the crash hits the poll at 25: rows committed at 20 … 24 (λ·P of them) are published twice
    const crashedBatch = 4 * 5
    const shown = view(after)
    expect(metric(shown, 'published') - metric(shown, 'charged-orders')).toBe(crashedBatch)
    expect(metric(shown, 'duplicates-skipped')).toBe(crashedBatch)
    expect(metric(shown, 'double-charges')).toBe(0)
  })

  it('double-charges exactly the replayed messages processed longer ago than the dedupe TTL', () => {
    const [orders, poll, ttl, now, ticksBack] = [4, 5, 60, 300, 120]
    const state = apply(start(6, { ackLossChance: 0, dedupeTtlTicks: ttl }), [
      { type: 'tick', steps: now },
      { type: 'replay', ticksBack },
      { type: 'tick', steps: 1 },
    ])
    // replayed: every poll at τ ≥ now − ticksBack; it is charged again when τ + ttl ≤ now + 1
    let expected = 0
    for (let tau = poll; tau <= now; tau += poll)
      if (tau >= now - ticksBack && tau + ttl <= now + 1) expected += orders * poll
    expect(expected).toBe(orders * (ticksBack - ttl + poll))
    expect(metric(view(state), 'double-charges')).toBe(expected)
    expect(metric(view(state), 'charged-orders')).toBe(orders * (now - 1))
  })

  it('double-charges nothing when the dedupe TTL outlasts the replay', () => {
    const state = apply(start(6, { ackLossChance: 0, dedupeTtlTicks: 200 }), [
      { type: 'tick', steps: 300 },
      { type: 'replay', ticksBack: 120 },
      { type: 'tick', steps: 1 },
    ])
    expect(metric(view(state), 'duplicates-skipped')).toBe(4 * 125)
    expect(metric(view(state), 'double-charges')).toBe(0)
  })

  it('ignores a crash of a relay that is already down', () => {
    const down = apply(start(7), [
      { type: 'tick', steps: 4 },
      { type: 'relay-crash' },
      { type: 'tick', steps: 1 },
    ])
    expect(down.relay.up).toBe(false)
    const again = apply(down, [{ type: 'relay-crash' }])
    expect(again.log.at(-1)).toContain('ignored')
  })
})
