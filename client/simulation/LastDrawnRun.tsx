import type { DrawnRun } from '../../shared/session/drawn-run'
import { MetricsGrid } from './MetricsGrid'
import { endedRunPicture } from './useDrawnRun'

/** The figures a run's panel shows first, in order (and a stopped run's). */
export const DRAWN_HEADLINE = [
  'throughput',
  'p50',
  'p95',
  'p99',
  'error-rate',
  'cache-hit-rate',
  'cost-per-hour',
]

/**
 * After Stop: what the last run of the diagram ended with, so the room still has the numbers to
 * talk about (every screen replays it once, as for the comparison after Run again).
 */
export function LastDrawnRun({ run }: { run: DrawnRun }) {
  const { view, tick } = endedRunPicture(run)
  const headline = DRAWN_HEADLINE.flatMap((id) => view.metrics.filter((m) => m.id === id))
  return (
    <section className="sim-section" aria-label="Last run" data-testid="drawn-last-run" data-tick={tick}>
      <h3 className="sim-heading">Last run, stopped at tick {tick}</h3>
      <MetricsGrid metrics={headline} />
    </section>
  )
}
