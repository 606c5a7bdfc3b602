/** The medallion pipeline's moving parts: landing batches, silver's contract, gold builds, the clock. */
import { appendPoint } from '../../history'
import type { GoldDay, MedallionState, QuarantinedRow } from '../medallion'
import { batchRows, type OrderTime, validateRow } from './records'
import { bronzeRows, dayOf, freshnessMinutes, MINUTES_PER_DAY } from './view'

/** Lands one batch in bronze (append-only) and pushes its rows through silver's contract (in place). */
export function landBatch(
  state: MedallionState,
  day: number,
  rows: number,
  late: boolean,
  log: (line: string) => void,
): void {
  const { params } = state
  const meta = {
    index: state.bronze.length,
    late,
    sequence: late ? state.lateBatches : state.feedBatches,
    day,
    // late orders happened earlier in their own day (at noon) and only reached us now
    eventMinute: late
      ? Math.min(state.clock, (day - 1) * MINUTES_PER_DAY + MINUTES_PER_DAY / 2)
      : state.clock,
    firstOrder: late ? state.nextLateOrder : state.nextOrder,
    rows,
    drifted: state.upstreamDrifted,
  }
  const batch = batchRows(state.seed, params, meta, (orderNumber) => timeOfOrder(state, late, orderNumber))
  state.bronze.push({ ...meta, newOrders: batch.newOrders })
  if (late) {
    state.lateBatches++
    state.nextLateOrder += batch.newOrders
  } else {
    state.feedBatches++
    state.nextOrder += batch.newOrders
  }
  const { toSilver, duplicates } = admitRows(
    state,
    batch.rows.map((row) => ({ batch: meta.index, reason: '', row })),
  )
  const toQuarantine = rows - toSilver - duplicates
  state.lastBatch = { rows, toSilver, duplicates, toQuarantine }
  const lateNote = day < dayOf(state.clock) ? ` late rows for day ${day}:` : ''
  log(
    `batch ${meta.index + 1}:${lateNote} ${rows} rows → ${toSilver} silver, ${duplicates} duplicates, ${toQuarantine} quarantined`,
  )
}

/** Validates rows into silver: new valid orders are kept, re-sends dropped, invalid rows quarantined (in place). */
export function admitRows(
  state: MedallionState,
  rows: readonly QuarantinedRow[],
): { toSilver: number; duplicates: number } {
  let toSilver = 0
  let duplicates = 0
  for (const entry of rows) {
    const result = validateRow(entry.row, state.mapping)
    if (!result.ok) {
      state.quarantine.push({ ...entry, reason: result.reason })
    } else if (Object.hasOwn(state.silver, result.id)) {
      duplicates++
    } else {
      state.silver[result.id] = result.order
      toSilver++
      if (result.order.day <= state.goldBuiltThrough) {
        state.lateRows[result.order.day] = (state.lateRows[result.order.day] ?? 0) + 1
      }
    }
  }
  state.duplicatesDropped += duplicates
  return { toSilver, duplicates }
}

/**
 * Recomputes gold for `day` from every silver order of that day, behind the gold gate: a day whose
 * silver orders fall below minGoldRowShare of its bronze rows is held back, and gold keeps its last
 * good version of that day (in place).
 */
export function buildGoldDay(state: MedallionState, day: number, log: (line: string) => void): void {
  const customers: GoldDay['customers'] = {}
  let orders = 0
  let newestEvent = -1
  for (const order of Object.values(state.silver)) {
    if (order.day !== day) continue
    const totals = customers[order.customer] ?? { orders: 0, amount: 0 }
    customers[order.customer] = { orders: totals.orders + 1, amount: totals.amount + order.amount }
    orders++
    newestEvent = Math.max(newestEvent, order.eventMinute)
  }
  const bronzeOfDay = state.bronze.reduce((rows, batch) => rows + (batch.day === day ? batch.rows : 0), 0)
  if (orders < state.params.minGoldRowShare * bronzeOfDay || orders === 0) {
    if (!state.heldDays.includes(day)) state.heldDays = [...state.heldDays, day].sort((a, b) => a - b)
    log(
      `gold gate holds day ${day}: ${orders} orders in silver for ${bronzeOfDay} bronze rows (needs ${Math.round(state.params.minGoldRowShare * 100)}%)`,
    )
    return
  }
  state.gold[day] = { builtAt: state.clock, newestEvent, customers }
  state.heldDays = state.heldDays.filter((held) => held !== day)
  delete state.lateRows[day]
  log(`gold built for day ${day}: ${Object.keys(customers).length} customer rows from ${orders} orders`)
}

/** When an earlier order of the same kind happened, from the bronze batch that first carried it. */
function timeOfOrder(state: MedallionState, late: boolean, orderNumber: number): OrderTime {
  const batch = state.bronze.find(
    (candidate) =>
      candidate.late === late &&
      orderNumber >= candidate.firstOrder &&
      orderNumber < candidate.firstOrder + candidate.newOrders,
  )
  return batch
    ? { day: batch.day, eventMinute: batch.eventMinute }
    : { day: dayOf(state.clock), eventMinute: state.clock }
}

/** Moves the clock on, taking a chart sample at every multiple of batchMinutes it passes (in place). */
export function advanceClock(state: MedallionState, minutes: number): void {
  const { batchMinutes } = state.params
  const target = state.clock + minutes
  while (state.clock < target) {
    const boundary = (Math.floor(state.clock / batchMinutes) + 1) * batchMinutes
    state.clock = Math.min(target, boundary)
    if (state.clock === boundary) recordHistory(state)
  }
}

/** Takes the newest chart sample again (in place), so it shows the figures as they are now. */
export function resampleNewest(state: MedallionState): void {
  const { history } = state
  if (history.bronze.length === 0) return
  history.bronze = [...history.bronze.slice(0, -1), bronzeRows(state)]
  history.silver = [...history.silver.slice(0, -1), Object.keys(state.silver).length]
  history.quarantine = [...history.quarantine.slice(0, -1), state.quarantine.length]
  history.freshness = [...history.freshness.slice(0, -1), freshnessMinutes(state)]
}

function recordHistory(state: MedallionState): void {
  const { history } = state
  history.bronze = appendPoint(history.bronze, bronzeRows(state))
  history.silver = appendPoint(history.silver, Object.keys(state.silver).length)
  history.quarantine = appendPoint(history.quarantine, state.quarantine.length)
  history.freshness = appendPoint(history.freshness, freshnessMinutes(state))
}
