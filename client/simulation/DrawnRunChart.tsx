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
}: {
  title: string
  unit: string
  lines: readonly ChartLine[]
  series: readonly Series[]
  tick: number
}) {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const shown = lines.flatMap((line) => {
    const found = series.find((s) => s.id === line.id)
    return found ? [{ ...line, series: found }] : []
  })
  const length = Math.max(0, ...shown.map((s) => s.series.points.length))
  const ticks = Array.from({ length }, (_, i) => tick - length + 1 + i)
  const data: uPlot.AlignedData = [ticks, ...shown.map((s) => padStart(s.series.points, length))]
  const key = shown.map((s) => s.id).join(',')

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
          ...shown.map((s) => ({ label: s.series.label, stroke: s.colour, width: 2 })),
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

  useEffect(() => {
    plot.current?.setData(data)
  })

  return (
    <figure className="drawn-chart" data-testid="drawn-chart" aria-label={title}>
      <figcaption className="sim-heading">{title}</figcaption>
      <div ref={host} />
    </figure>
  )
}

/** A shorter series aligned to the newest tick (missing older points as gaps). */
function padStart(points: readonly number[], length: number): (number | null)[] {
  return [...new Array<null>(length - points.length).fill(null), ...points]
}
