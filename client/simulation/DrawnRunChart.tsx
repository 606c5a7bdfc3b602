import 'uplot/dist/uPlot.min.css'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import type { Series } from '../../shared/sim/view'

/** Which of the run's series a chart draws, in one colour each. */
export interface ChartLine {
  id: string
  colour: string
}

const WIDTH = 300
const HEIGHT = 150

/**
 * A uPlot time series of the run (bundled, no CDN): ticks along the bottom, the lines' unit on the
 * left, and the values under the cursor in the legend as you hover.
 */
export function DrawnRunChart({
  title,
  unit,
  lines,
  series,
  tick,
  compare,
}: {
  title: string
  unit: string
  lines: readonly ChartLine[]
  series: readonly Series[]
  tick: number
  /** The run before this one, drawn dashed against the same ticks (run A vs run B). */
  compare?: { series: readonly Series[]; tick: number }
}) {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const pick = (from: readonly Series[], endTick: number, run: 'A' | 'B') =>
    lines.flatMap((line) => {
      const found = from.find((s) => s.id === line.id)
      return found ? [{ ...line, run, series: found, endTick }] : []
    })
  const shown = [...pick(series, tick, 'B'), ...(compare ? pick(compare.series, compare.tick, 'A') : [])]
  // each series ends at its own run's tick; the x axis spans them all
  const first = Math.min(...shown.map((s) => s.endTick - s.series.points.length + 1), tick)
  const last = Math.max(...shown.map((s) => s.endTick), tick)
  const ticks = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i)
  const data: uPlot.AlignedData = [
    ticks,
    ...shown.map((s) => alignTo(s.series.points, s.endTick, first, last)),
  ]
  const key = shown.map((s) => `${s.id}:${s.run}`).join(',')

  // biome-ignore lint/correctness/useExhaustiveDependencies: the plot is rebuilt only when its lines change
  useEffect(() => {
    if (!host.current) return
    plot.current = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        legend: { live: true },
        scales: { x: { time: false } },
        axes: [
          { label: 'tick (100 ms)', size: 36 },
          { label: unit, size: 48 },
        ],
        series: [
          { label: 'tick' },
          ...shown.map((s) =>
            s.run === 'A'
              ? { label: `${s.series.label} · run A`, stroke: s.colour, width: 1.5, dash: [6, 4] }
              : { label: s.series.label, stroke: s.colour, width: 2 },
          ),
        ],
      },
      data,
      host.current,
    )
    return () => {
      plot.current?.destroy()
      plot.current = null
    }
  }, [key, unit])

  // redrawn when the run moves on (a tick, or run A's end), not on every render of the panel
  // biome-ignore lint/correctness/useExhaustiveDependencies: `data` is derived from these
  useEffect(() => {
    plot.current?.setData(data)
  }, [key, tick, compare?.tick, series, compare?.series])

  return (
    <figure
      className="drawn-chart"
      data-testid="drawn-chart"
      data-compare={compare ? 'run-a' : 'none'}
      aria-label={title}
    >
      <figcaption className="sim-heading">{title}</figcaption>
      <div ref={host} />
    </figure>
  )
}

/** A series whose last point is at `endTick`, placed on the ticks first..last (gaps elsewhere). */
function alignTo(points: readonly number[], endTick: number, first: number, last: number): (number | null)[] {
  const start = endTick - points.length + 1
  return Array.from({ length: last - first + 1 }, (_, i) => points[first + i - start] ?? null)
}
