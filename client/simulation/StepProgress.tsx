import type { SimSession } from '../../shared/session/session-state'
import { stepProgress } from './step-timing'

/**
 * A thin bar filling while auto-play waits on this step. Cosmetic: the step changes only when the
 * server says so, so the bar simply waits at the end if the server is a moment late.
 */
export function StepProgress({
  sim,
  durationMs,
  isLast,
  serverClockOffset,
}: {
  sim: SimSession
  durationMs: number
  isLast: boolean
  /** Added to this screen's clock to read the server's, which `stepStartedAt` is on. */
  serverClockOffset: number
}) {
  if (!sim.playing || isLast) return <div className="step-progress step-progress--idle" aria-hidden="true" />
  const total = durationMs / sim.speed
  const from = stepProgress(sim, durationMs, Date.now() + serverClockOffset)
  return (
    <div className="step-progress" aria-hidden="true" data-testid="sim-step-progress">
      <div
        // a new step or speed restarts the bar from where the server's clock says it is
        key={`${sim.stepStartedAt}:${sim.speed}:${sim.step}`}
        className="step-progress__bar"
        style={
          {
            '--progress-from': from,
            animationDuration: `${Math.max(0, total * (1 - from))}ms`,
          } as React.CSSProperties
        }
      />
    </div>
  )
}
