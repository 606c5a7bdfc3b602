import type { SimEvent } from '../sim/engine'
import type { Scenario } from './scenario-schema'

/** A failure the facilitator triggered while the scenario stood at `atStep`. */
export interface TriggeredFailure {
  id: string
  atStep: number
}

/**
 * The event log for a point in a scenario: each step's events up to `step`, and after each step
 * the failures triggered while it was showing, in the order they were triggered.
 */
export function scenarioEvents(
  scenario: Scenario,
  step: number,
  failures: readonly TriggeredFailure[],
): SimEvent[] {
  const events: SimEvent[] = []
  for (let i = 0; i <= step && i < scenario.steps.length; i++) {
    events.push(...(scenario.steps[i]?.events ?? []))
    for (const failure of failures) {
      if (failure.atStep !== i) continue
      events.push(...(scenario.failureModes.find((f) => f.id === failure.id)?.events ?? []))
    }
  }
  return events
}
