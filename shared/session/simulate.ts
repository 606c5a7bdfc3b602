import type { Scenario } from '../scenarios/scenario-schema'
import { scenarioEvents } from '../scenarios/timeline'
import { type ReplayResult, replayUntrusted } from '../sim/replay'
import type { SimSession } from './session-state'

/** The simulation's state, view and hash for a session, computed the same way on every screen. */
export function simulateSession(sim: SimSession, scenario: Scenario): ReplayResult {
  return replayUntrusted(
    scenario.engine,
    scenario.params,
    sim.seed,
    scenarioEvents(scenario, sim.step, sim.failures),
  )
}
