import type { Metric } from '../../shared/sim/view'
import { formatMetric } from './metric-format'

/** The engine's figures, two to a row: label above, value with its unit below (or a dash and why). */
export function MetricsGrid({ metrics }: { metrics: readonly Metric[] }) {
  if (metrics.length === 0) return null
  return (
    <dl className="sim-metrics" data-testid="sim-metrics">
      {metrics.map((metric) => {
        const shown = formatMetric(metric)
        return (
          <div key={metric.id} className="sim-metric" data-metric-id={metric.id}>
            <dt className="sim-metric__label">{metric.label}</dt>
            <dd className="sim-metric__value">
              {shown.value}
              {shown.unit && <span className="sim-metric__unit"> {shown.unit}</span>}
            </dd>
            {metric.value === null && metric.hint && <dd className="sim-metric__hint">{metric.hint}</dd>}
          </div>
        )
      })}
    </dl>
  )
}
