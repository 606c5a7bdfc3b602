import { describe, expect, it } from 'vitest'
import { overlayData, ticksOf } from '../../client/simulation/chart-data'
import { formatMetric } from '../../client/simulation/metric-format'

const series = (points: (number | null)[], ticks?: number[]) => ({
  id: 'p99',
  label: 'p99 (ms)',
  points,
  ticks,
})

describe('drawn run charts', () => {
  it('places a series without ticks on consecutive ticks ending at its run’s tick', () => {
    expect(ticksOf({ series: series([1, 2, 3]), endTick: 12 })).toEqual([10, 11, 12])
  })

  it('overlays run A on run B by tick since each run started, not at opposite ends of the axis', () => {
    // run A ended at tick 640; its history: one point a second up to 580, then ticks 581–640
    const aTicks = [
      ...Array.from({ length: 58 }, (_, i) => 10 + i * 10),
      ...Array.from({ length: 60 }, (_, i) => 581 + i),
    ]
    const runA = {
      series: series(
        aTicks.map((t) => t / 10),
        aTicks,
      ),
      endTick: 640,
    }
    const bTicks = [1, 2, 3, 4, 5]
    const runB = { series: series([5, 6, null, 8, 9], bTicks), endTick: 5 }
    const [xs, b, a] = overlayData([runB], [runA])
    // the axis spans run B's ticks only, and run A is read at the same ticks
    expect(xs).toEqual([1, 2, 3, 4, 5])
    expect(b).toEqual([5, 6, null, 8, 9])
    // run A has no points at ticks 1–5 (its start is one point a second): nothing drawn, no fake zero
    expect(a).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it('reads run A at the ticks run B reached, and leaves gaps where nothing was measured', () => {
    const aTicks = [10, 20, 30, 40]
    const runA = { series: series([1, null, 3, 4], aTicks), endTick: 40 }
    const runB = { series: series([7, 8, 9], [18, 19, 20]), endTick: 20 }
    const coarseB = { series: series([6], [10]), endTick: 20 }
    const [xs, , , a] = overlayData([coarseB, runB], [runA])
    expect(xs).toEqual([10, 18, 19, 20])
    // null (no successful request then) stays a gap; undefined is simply no point there
    expect(a).toEqual([1, undefined, undefined, null])
  })

  it('shows an unknown figure as a dash, never as 0', () => {
    expect(formatMetric({ id: 'p99', value: null, unit: 'ms' })).toEqual({ value: '—', unit: '' })
    expect(formatMetric({ id: 'p99', value: 0, unit: 'ms' })).toEqual({ value: '0', unit: 'ms' })
  })
})
