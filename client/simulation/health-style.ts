import type { Health } from '../../shared/sim/view'

/** The colour a box's halo takes for each health (the panel's legend uses the same ones). */
export const HEALTH_COLOR: Record<Health, string> = {
  healthy: '#2f9e44',
  hot: '#f76707',
  degraded: '#f59f00',
  failed: '#e03131',
  recovering: '#1c7ed6',
}

export const HEALTH_LABEL: Record<Health, string> = {
  healthy: 'Healthy',
  hot: 'Hot',
  degraded: 'Degraded',
  failed: 'Failed',
  recovering: 'Recovering',
}

/** Flow dashes along arrows: one colour that none of the health colours uses. */
export const FLOW_COLOR = '#7048e8'
