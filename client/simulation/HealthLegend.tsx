import { healthSchema } from '../../shared/sim/view'
import { HEALTH_COLOR, HEALTH_LABEL } from './health-style'

/** What the halo colours on the canvas mean. */
export function HealthLegend() {
  return (
    <ul className="health-legend" aria-label="Halo colours on the canvas">
      {healthSchema.options.map((health) => (
        <li key={health} className="health-legend__item">
          <span className="health-legend__dot" style={{ backgroundColor: HEALTH_COLOR[health] }} />
          {HEALTH_LABEL[health]}
        </li>
      ))}
    </ul>
  )
}
