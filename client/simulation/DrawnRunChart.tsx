import 'uplot/dist/uPlot.min.css'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import type { Series } from '../../shared/sim/view'
import { overlayData } from './chart-data'
import { formatNumber } from './metric-format'

/** Which of the run's series a chart draws, in one colour each. */
export interface ChartLine {
  id: string
  colour: string
}

const WIDTH = 300
const HEIGHT = 150

/** A hovered value in the legend: a dash where nothing was measured (a gap), never 0. */
const legendValue = (_: uPlot, value: number | null | undefined) =>
  value == null ? '—' : formatNumber(value)

/**
 * A uPlot time series of the run (bundled, no CDN): ticks since the run started along the bottom
 * (so run A and run B overlay), the lines' unit on the left, and the values under the cursor in
 * the legend as you hover. A gap in a line is a stretch with nothing measured.
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
  /** The run before this one, drawn dashed at the same ticks since its start (run A vs run B). */
  compare?: { series: readonly Series[]; tick: number }
}) {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const pick = (from: readonly Series[], endTick: number, run: 'A' | 'B') =>
    lines.flatMap((line) => {
      const found = from.find((s) => s.id === line.id)
      return found ? [{ ...line, run, series: found, endTick }] : []
    })
  const current = pick(series, tick, 'B')
  const compared = compare ? pick(compare.series, compare.tick, 'A') : []
  const shown = [...current, ...compared]
  const data: uPlot.AlignedData = overlayData(current, compared)
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
          { label: 'tick since start (100 ms)', size: 36 },
          { label: unit, size: 48 },
        ],
        series: [
          { label: 'tick' },
          ...shown.map((s) =>
            s.run === 'A'
              ? {
                  label: `${s.series.label} · run A`,
                  stroke: s.colour,
                  width: 1.5,
                  dash: [6, 4],
                  value: legendValue,
                }
              : { label: s.series.label, stroke: s.colour, width: 2, value: legendValue },
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
