import { round } from '../../format'
import { appendBounded, appendPoint } from '../../history'
import type { Series } from '../../view'
import { LATENCY_WINDOW_TICKS } from './model'

/** Ticks per coarse point: one a second, so a coarse latency point is exactly its second's window. */
export const COARSE_EVERY_TICKS = LATENCY_WINDOW_TICKS
/** Coarse points kept: three minutes, enough to show what happened before a chaos. */
export const COARSE_POINTS = 180

/**
 * A run's figures over time, oldest first. Latencies are null where no request succeeded (there
 * is no latency then, and 0 ms would read as "fast"). Rates are shares (0–1), cost is $/h.
 */
export interface DrawnHistory {
  throughput: number[]
  p50: (number | null)[]
  p95: (number | null)[]
  p99: (number | null)[]
  errorRate: number[]
  cacheHitRate: number[]
  cost: number[]
}

/** One tick's figures, as the fine history records them. */
export type TickFigures = { [K in keyof DrawnHistory]: DrawnHistory[K][number] }

/** A history with no points yet. */
export function emptyHistory(): DrawnHistory {
  return { throughput: [], p50: [], p95: [], p99: [], errorRate: [], cacheHitRate: [], cost: [] }
}

/**
 * Appends a tick's figures to the fine history (the last SERIES_LIMIT ticks) and, at each
 * whole second, one point for that second to the coarse history (the last COARSE_POINTS), in place.
 */
export function recordTick(
  state: { tick: number; history: DrawnHistory; coarse: DrawnHistory },
  figures: TickFigures,
): void {
  const { history, coarse } = state
  history.throughput = appendPoint(history.throughput, figures.throughput)
  history.p50 = appendPoint(history.p50, figures.p50)
  history.p95 = appendPoint(history.p95, figures.p95)
  history.p99 = appendPoint(history.p99, figures.p99)
  history.errorRate = appendPoint(history.errorRate, figures.errorRate)
  history.cacheHitRate = appendPoint(history.cacheHitRate, figures.cacheHitRate)
  history.cost = appendPoint(history.cost, figures.cost)
  if (state.tick % COARSE_EVERY_TICKS !== 0) return
  const second = (points: readonly number[]) => {
    const last = points.slice(-COARSE_EVERY_TICKS)
    return last.reduce((sum, p) => sum + p, 0) / last.length
  }
  const keep = <T>(points: readonly T[], point: T) => appendBounded(points, point, COARSE_POINTS)
  // per-tick rates averaged over the second; the latency window already spans exactly that second
  coarse.throughput = keep(coarse.throughput, second(history.throughput))
  coarse.p50 = keep(coarse.p50, figures.p50)
  coarse.p95 = keep(coarse.p95, figures.p95)
  coarse.p99 = keep(coarse.p99, figures.p99)
  coarse.errorRate = keep(coarse.errorRate, second(history.errorRate))
  coarse.cacheHitRate = keep(coarse.cacheHitRate, second(history.cacheHitRate))
  coarse.cost = keep(coarse.cost, figures.cost)
}

const SERIES: ReadonlyArray<{
  id: string
  key: keyof DrawnHistory
  label: string
  scale: number
  digits: number
}> = [
  { id: 'throughput', key: 'throughput', label: 'Throughput (req/s)', scale: 1, digits: 2 },
  { id: 'p50', key: 'p50', label: 'p50 (ms)', scale: 1, digits: 2 },
  { id: 'p95', key: 'p95', label: 'p95 (ms)', scale: 1, digits: 2 },
  { id: 'p99', key: 'p99', label: 'p99 (ms)', scale: 1, digits: 2 },
  { id: 'error-rate', key: 'errorRate', label: 'Error rate (%)', scale: 100, digits: 2 },
  { id: 'cache-hit-rate', key: 'cacheHitRate', label: 'Cache hit rate (%)', scale: 100, digits: 1 },
  { id: 'cost', key: 'cost', label: 'Cost ($/h)', scale: 1, digits: 2 },
]

/**
 * The chart series at tick `tick`: one point a second for the coarse stretch the fine history no
 * longer covers, then one point a tick; each point carries its tick since the run started.
 */
export function historySeries(state: {
  tick: number
  history: DrawnHistory
  coarse: DrawnHistory
}): Series[] {
  const { tick, history, coarse } = state
  const lastCoarse = tick - (tick % COARSE_EVERY_TICKS)
  return SERIES.map(({ id, key, label, scale, digits }) => {
    const fine = history[key]
    const firstFine = tick - fine.length + 1
    const older = coarse[key]
    const ticks: number[] = []
    const points: (number | null)[] = []
    const add = (at: number, value: number | null) => {
      ticks.push(at)
      points.push(value === null ? null : round(value * scale, digits))
    }
    older.forEach((value, i) => {
      const at = lastCoarse - (older.length - 1 - i) * COARSE_EVERY_TICKS
      if (at < firstFine) add(at, value)
    })
    fine.forEach((value, i) => {
      add(firstFine + i, value)
    })
    return { id, label, points, ticks }
  })
}
