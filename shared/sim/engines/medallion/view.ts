import { formatCount } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import type { MedallionState } from '../medallion'
import { DRIFTED_COLUMN } from './records'

export const MINUTES_PER_DAY = 1_440

/** The day (1-based) a logical minute falls in. */
export function dayOf(clock: number): number {
  return Math.floor(clock / MINUTES_PER_DAY) + 1
}

/** A logical minute as "d2 08:00". */
export function clockLabel(clock: number): string {
  const minuteOfDay = clock % MINUTES_PER_DAY
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0')
  const minutes = String(minuteOfDay % 60).padStart(2, '0')
  return `d${dayOf(clock)} ${hours}:${minutes}`
}

/** The newest event time (logical minute) in published gold, or null while gold is empty. */
export function newestGoldEvent(state: MedallionState): number | null {
  const days = Object.values(state.gold)
  return days.length === 0 ? null : Math.max(...days.map((day) => day.newestEvent))
}

/** Freshness: the age of the newest data in gold, now − its event time (minutes since the start while gold is empty). */
export function freshnessMinutes(state: MedallionState): number {
  return state.clock - (newestGoldEvent(state) ?? 0)
}

/** Rows bronze holds: every row that ever landed. */
export function bronzeRows(state: MedallionState): number {
  return state.bronze.reduce((rows, batch) => rows + batch.rows, 0)
}

/** The panel and overlay for a medallion state. */
export function medallionView(state: MedallionState): SimView {
  const bronze = bronzeRows(state)
  const silver = Object.keys(state.silver).length
  const quarantine = state.quarantine.length
  const goldRows = Object.values(state.gold).reduce(
    (rows, day) => rows + Object.keys(day.customers).length,
    0,
  )
  const staleDays = Object.keys(state.lateRows).map(Number)
  const lateRows = Object.values(state.lateRows).reduce((rows, count) => rows + count, 0)
  const freshness = freshnessMinutes(state)
  const drifting = state.upstreamDrifted && !Object.hasOwn(state.mapping, DRIFTED_COLUMN.to)
  const { lastBatch } = state
  const wholeBatchQuarantined = lastBatch.rows > 0 && lastBatch.toQuarantine === lastBatch.rows
  const held = state.heldDays
  const goldHealth: Health =
    held.length > 0 || staleDays.length > 0
      ? 'degraded'
      : freshness > MINUTES_PER_DAY * 1.5
        ? 'hot'
        : 'healthy'
  const newest = newestGoldEvent(state)

  return {
    clock: { value: state.clock, unit: 'minute' },
    nodes: {
      source: {
        health: drifting ? 'degraded' : 'healthy',
        badges: [drifting ? 'schema drifted' : 'schema v1'],
      },
      bronze: {
        health: 'healthy',
        badges: [`${formatCount(bronze)} rows`, `${state.bronze.length} batches`],
      },
      silver: {
        health: wholeBatchQuarantined ? 'degraded' : 'healthy',
        badges: [
          `${formatCount(silver)} orders`,
          `${formatCount(state.duplicatesDropped)} duplicates dropped`,
        ],
      },
      quarantine: {
        health: lastBatch.toQuarantine > 0 ? 'hot' : 'healthy',
        badges: [`${formatCount(quarantine)} rows`],
      },
      'gold-gate': {
        health: held.length > 0 ? 'failed' : 'healthy',
        badges: [
          `publishes a day with ≥ ${Math.round(state.params.minGoldRowShare * 100)}% of its bronze rows in silver`,
          ...held.map((day) => `day ${day} held back`),
        ],
      },
      gold: {
        health: goldHealth,
        badges: [
          `${formatCount(goldRows)} customer-days`,
          state.goldBuiltThrough > 0 ? `built through day ${state.goldBuiltThrough}` : 'not built yet',
          ...staleDays.map((day) => `day ${day} stale`),
        ],
      },
      dashboard: {
        health: staleDays.length > 0 || held.length > 0 ? 'degraded' : 'healthy',
        badges: [
          newest === null
            ? 'no data yet'
            : `newest data ${formatMinutes(freshness)} old (${clockLabel(newest)})`,
        ],
      },
    },
    edges: {
      [edgeId('source', 'bronze')]: { rate: lastBatch.rows, label: `${lastBatch.rows} rows/batch` },
      [edgeId('bronze', 'silver')]: { rate: lastBatch.toSilver, label: `${lastBatch.toSilver} valid` },
      [edgeId('bronze', 'quarantine')]: {
        rate: lastBatch.toQuarantine,
        label: `${lastBatch.toQuarantine} invalid`,
      },
      [edgeId('quarantine', 'silver')]: { rate: state.lastReplay, label: `${state.lastReplay} replayed` },
      [edgeId('silver', 'gold')]: { rate: 0, label: 'daily build' },
      [edgeId('gold', 'dashboard')]: { rate: 0, label: formatMinutes(freshness) },
    },
    metrics: [
      { id: 'bronze-rows', label: 'Bronze rows', value: bronze, unit: 'rows' },
      { id: 'silver-rows', label: 'Silver orders', value: silver, unit: 'rows' },
      { id: 'quarantine-rows', label: 'Quarantined rows', value: quarantine, unit: 'rows' },
      { id: 'gold-rows', label: 'Gold customer-days', value: goldRows, unit: 'rows' },
      { id: 'duplicates-dropped', label: 'Duplicates dropped', value: state.duplicatesDropped, unit: 'rows' },
      { id: 'freshness', label: 'Age of newest data in gold', value: freshness, unit: 'min' },
      { id: 'held-days', label: 'Gold days held back by the gate', value: held.length, unit: 'days' },
      { id: 'stale-days', label: 'Gold days missing late rows', value: staleDays.length, unit: 'days' },
      { id: 'late-rows', label: 'Late rows not in gold', value: lateRows, unit: 'rows' },
    ],
    series: [
      { id: 'bronze-rows', label: 'Bronze rows', points: state.history.bronze },
      { id: 'silver-rows', label: 'Silver orders', points: state.history.silver },
      { id: 'quarantine-rows', label: 'Quarantined rows', points: state.history.quarantine },
      { id: 'freshness', label: 'Age of newest data in gold (min)', points: state.history.freshness },
    ],
    log: state.log,
  }
}

function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} min`
  return `${Math.round((minutes / 60) * 10) / 10} h`
}
