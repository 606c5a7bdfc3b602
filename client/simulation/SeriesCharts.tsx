import type { Series } from '../../shared/sim/view'
import { type ChartBox, chartPaths } from './chart-path'
import { formatNumber } from './metric-format'

const BOX: ChartBox = { width: 300, height: 64, inset: 4 }

/** One small line chart per series, each on its own scale, newest point marked. */
export function SeriesCharts({ series }: { series: readonly Series[] }) {
  const shown = series.filter((s) => s.points.length > 0)
  if (shown.length === 0) return null
  return (
    <div className="sim-charts" data-testid="sim-charts">
      {shown.map((s) => (
        <SeriesChart key={s.id} series={s} />
      ))}
    </div>
  )
}

function SeriesChart({ series }: { series: Series }) {
  const paths = chartPaths(series.points, BOX)
  const last = paths.last
  return (
    <figure className="sim-chart" data-series-id={series.id}>
      <figcaption className="sim-chart__caption">
        <span className="sim-chart__label">{series.label}</span>
        {last && <span className="sim-chart__last">{formatNumber(last.value)}</span>}
      </figcaption>
      <div className="sim-chart__body">
        <div className="sim-chart__axis" aria-hidden="true">
          <span>{formatNumber(paths.max)}</span>
          <span>{formatNumber(paths.min)}</span>
        </div>
        <div className="sim-chart__plot">
          <svg
            viewBox={`0 0 ${BOX.width} ${BOX.height}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`${series.label}: ${series.points.length} points, latest ${last ? formatNumber(last.value) : 'none'}`}
          >
            <path d={paths.area} className="sim-chart__area" />
            <path d={paths.line} className="sim-chart__line" vectorEffect="non-scaling-stroke" />
            {last && (
              <path
                d={`M${last.x} ${last.y} l0 0`}
                className="sim-chart__dot"
                vectorEffect="non-scaling-stroke"
              />
            )}
          </svg>
        </div>
      </div>
    </figure>
  )
}
