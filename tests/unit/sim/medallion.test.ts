import { describe, expect, it } from 'vitest'
import { type MedallionState, medallionEngine } from '../../../shared/sim/engines/medallion'
import { batchRows, type RawRow } from '../../../shared/sim/engines/medallion/records'
import { metric } from './sim-test-kit'

const engine = medallionEngine
const apply = (state: MedallionState, rawEvents: unknown[]) =>
  rawEvents.reduce<MedallionState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const start = (seed: number, rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), seed)

/** Every row bronze holds, regenerated from its batch records (the input data, not the pipeline). */
function bronzeRowsOf(state: MedallionState): RawRow[] {
  return state.bronze.flatMap((batch) => {
    const timeOfOrder = (orderNumber: number) => {
      const first = state.bronze.find(
        (other) =>
          other.late === batch.late &&
          orderNumber >= other.firstOrder &&
          orderNumber < other.firstOrder + other.newOrders,
      )
      return { day: first?.day ?? -1, eventMinute: first?.eventMinute ?? -1 }
    }
    return batchRows(state.seed, state.params, batch, timeOfOrder).rows
  })
}

/** Silver's contract restated plainly: a customer, a non-negative amount (under either column name once mapped). */
function expectedLayers(rows: readonly RawRow[], mapped: boolean) {
  const silver = new Map<string, { customer: string; day: number; amount: number }>()
  let invalid = 0
  for (const row of rows) {
    const amount = row.amount ?? (mapped ? row.total_amount : undefined)
    if (typeof row.customer !== 'string' || typeof amount !== 'number' || amount < 0) {
      invalid++
      continue
    }
    const id = String(row.order_id)
    if (!silver.has(id)) silver.set(id, { customer: row.customer, day: Number(row.order_day), amount })
  }
  return { bronze: rows.length, silver, invalid }
}

function silverSumsByCustomer(
  silver: Iterable<{ customer: string; day: number; amount: number }>,
  day: number,
) {
  const sums: Record<string, number> = {}
  for (const order of silver)
    if (order.day === day) sums[order.customer] = (sums[order.customer] ?? 0) + order.amount
  return sums
}

function goldSumsByCustomer(state: MedallionState, day: number) {
  return Object.fromEntries(
    Object.entries(state.gold[day]?.customers ?? {}).map(([customer, totals]) => [customer, totals.amount]),
  )
}

describe('medallion engine', () => {
  it('matches an independent count of bronze, silver, quarantine and gold', () => {
    for (const seed of [1, 2, 3]) {
      const state = apply(start(seed, { dirtyShare: 0.08, duplicateShare: 0.15 }), [
        { type: 'ingest', batches: 24 },
        { type: 'build-gold' },
        { type: 'ingest', batches: 5 },
      ])
      const rows = bronzeRowsOf(state)
      const expected = expectedLayers(rows, false)
      const view = engine.view(state)
      expect(metric(view, 'bronze-rows')).toBe(expected.bronze)
      expect(metric(view, 'bronze-rows')).toBe(29 * 50)
      expect(metric(view, 'silver-rows')).toBe(expected.silver.size)
      expect(metric(view, 'quarantine-rows')).toBe(expected.invalid)
      expect(state.duplicatesDropped).toBe(expected.bronze - expected.invalid - expected.silver.size)
      expect(expected.invalid).toBeGreaterThan(0)
      expect(state.duplicatesDropped).toBeGreaterThan(0)
      for (const day of [1, 2]) {
        expect(goldSumsByCustomer(state, day)).toEqual(silverSumsByCustomer(expected.silver.values(), day))
      }
      expect(state.gold[3]).toBeUndefined() // day 3 has not finished
    }
  })

  it('quarantines every row after upstream schema drift, and recovers them after a mapping fix', () => {
    const drifted = apply(start(5), [
      { type: 'ingest', batches: 3 },
      { type: 'schema-drift' },
      { type: 'ingest', batches: 2 },
    ])
    expect(drifted.lastBatch).toMatchObject({ rows: 50, toSilver: 0, toQuarantine: 50 })
    expect(engine.view(drifted).nodes.source?.health).toBe('degraded')
    expect(engine.view(drifted).nodes.silver?.health).toBe('degraded')

    const fixed = apply(drifted, [
      { type: 'fix-mapping' },
      { type: 'reprocess-quarantine' },
      { type: 'ingest', batches: 1 },
    ])
    const expected = expectedLayers(bronzeRowsOf(fixed), true)
    expect(fixed.quarantine).toHaveLength(expected.invalid)
    expect(fixed.quarantine.every((entry) => entry.reason !== 'missing-column')).toBe(true)
    expect(Object.keys(fixed.silver)).toHaveLength(expected.silver.size)
  })

  it('leaves gold stale for a day that receives late rows until that day is rebuilt', () => {
    const built = apply(start(7), [{ type: 'ingest', batches: 13 }, { type: 'build-gold' }])
    const late = apply(built, [{ type: 'late-data', day: 1, rows: 40 }])
    const lateView = engine.view(late)
    expect(metric(lateView, 'stale-days')).toBe(1)
    expect(metric(lateView, 'late-rows')).toBeGreaterThan(0)
    expect(lateView.nodes.gold?.health).toBe('degraded')
    const silverDay1 = silverSumsByCustomer(Object.values(late.silver), 1)
    expect(goldSumsByCustomer(late, 1)).not.toEqual(silverDay1)

    const rebuilt = apply(late, [{ type: 'rebuild-gold', day: 1 }])
    expect(metric(engine.view(rebuilt), 'stale-days')).toBe(0)
    expect(goldSumsByCustomer(rebuilt, 1)).toEqual(silverDay1)
  })

  it('measures freshness as now − the newest event time in gold, which a rebuild does not change', () => {
    const state = apply(start(8), [
      { type: 'ingest', batches: 12 },
      { type: 'build-gold' },
      { type: 'ingest', batches: 3 },
      { type: 'tick', steps: 45 },
    ])
    // independently: the newest event among the silver orders of every published gold day
    const published = new Set(Object.keys(state.gold).map(Number))
    const newest = Math.max(
      ...Object.values(state.silver)
        .filter((order) => published.has(order.day))
        .map((order) => order.eventMinute),
    )
    expect(newest).toBe(11 * 120) // day 1's last batch landed at 22:00
    expect(state.clock).toBe(12 * 120 + 3 * 120 + 45)
    expect(metric(engine.view(state), 'freshness')).toBe(state.clock - newest)
    // building again publishes nothing newer (day 2 is not finished), so the data is exactly as old
    const rebuilt = apply(state, [{ type: 'build-gold' }, { type: 'rebuild-gold', day: 1 }])
    expect(metric(engine.view(rebuilt), 'freshness')).toBe(state.clock - newest)
  })

  it('holds back a gold day whose silver rows fall below the gate’s share of its bronze rows, and publishes it once repaired', () => {
    const state = apply(start(4), [
      { type: 'ingest', batches: 12 },
      { type: 'build-gold' },
      { type: 'schema-drift' },
      { type: 'ingest', batches: 12 },
      { type: 'build-gold' },
    ])
    const ordersOfDay2 = Object.values(state.silver).filter((order) => order.day === 2).length
    const bronzeOfDay2 = state.bronze.filter((batch) => batch.day === 2).reduce((sum, b) => sum + b.rows, 0)
    expect(bronzeOfDay2).toBe(600)
    expect(ordersOfDay2).toBeLessThan(0.7 * bronzeOfDay2)
    expect(state.gold[2]).toBeUndefined()
    expect(state.gold[1]).toBeDefined()
    const view = engine.view(state)
    expect(metric(view, 'held-days')).toBe(1)
    expect(view.nodes['gold-gate']?.health).toBe('failed')

    const repaired = apply(state, [
      { type: 'fix-mapping' },
      { type: 'reprocess-quarantine' },
      { type: 'rebuild-gold' },
    ])
    const repairedOrders = Object.values(repaired.silver).filter((order) => order.day === 2).length
    expect(repairedOrders).toBeGreaterThanOrEqual(0.7 * bronzeOfDay2)
    expect(repaired.gold[2]).toBeDefined()
    expect(metric(engine.view(repaired), 'held-days')).toBe(0)
    const goldOrders = Object.values(repaired.gold[2]?.customers ?? {}).reduce((sum, c) => sum + c.orders, 0)
    expect(goldOrders).toBe(repairedOrders)
  })

  it('keeps the regular feed identical whether or not late data arrived', () => {
    const feed = [{ type: 'ingest', batches: 12 }, { type: 'build-gold' }]
    const withLate = apply(start(7), [
      ...feed,
      { type: 'late-data', day: 1, rows: 40 },
      { type: 'ingest', batches: 12 },
    ])
    const without = apply(start(7), [...feed, { type: 'ingest', batches: 12 }])
    const regular = (state: MedallionState) =>
      Object.entries(state.silver).filter(([id]) => id.startsWith('order-'))
    expect(regular(withLate)).toEqual(regular(without))
    expect(bronzeRowsOf(withLate).filter((row) => String(row.order_id).startsWith('late-'))).toHaveLength(40)
  })
})
