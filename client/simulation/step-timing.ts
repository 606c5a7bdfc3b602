import type { SimSession } from '../../shared/session/session-state'

/** How far the current step is through its auto-play time (0–1), on the server's clock. */
export function stepProgress(
  sim: Pick<SimSession, 'stepStartedAt' | 'speed'>,
  durationMs: number,
  now: number,
): number {
  const total = durationMs / sim.speed
  if (!(total > 0)) return 1
  return Math.min(1, Math.max(0, (now - sim.stepStartedAt) / total))
}
