import { useEffect, useMemo, useRef } from 'react'
import type { Scenario, ScenarioStep } from '../../shared/scenarios/scenario-schema'
import type { StateReport } from '../../shared/session/intents'
import type { SimSession } from '../../shared/session/session-state'
import { simulateSession } from '../../shared/session/simulate'
import type { SimView } from '../../shared/sim/view'
import type { LiveSession } from '../session/live-session'
import { useScenario } from './scenario-cache'

/** What the Simulation tab and the canvas overlay draw: computed on this screen from the server's state. */
export type LiveSimulation =
  | { status: 'idle' }
  | { status: 'loading'; sim: SimSession }
  | { status: 'failed'; sim: SimSession; message: string; retry: () => void }
  | {
      status: 'ready'
      sim: SimSession
      scenario: Scenario
      /** The step on screen (`sim.step`, clamped to the scenario). */
      step: ScenarioStep
      view: SimView
      hash: string
    }

/**
 * Replays the session's scenario locally (`simulateSession`) whenever the server sends a new state,
 * and reports the resulting hash once per `seq` so the server can spot a screen that drifted.
 */
export function useLiveSimulation(
  session: LiveSession | null,
  report: (report: StateReport) => void,
): LiveSimulation {
  const sim = session?.sim ?? null
  const { state: scenarioState, retry } = useScenario(sim?.scenarioId ?? null)
  const scenario = scenarioState?.status === 'ready' ? scenarioState.scenario : null
  const loadFailure = scenarioState?.status === 'failed' ? scenarioState.message : null

  // every state the server sends is a new object; recompute only when the simulation part changed
  const simKey = sim ? JSON.stringify(sim) : null
  // biome-ignore lint/correctness/useExhaustiveDependencies: `simKey` stands for `sim`'s content
  const result = useMemo(() => (sim && scenario ? simulateSession(sim, scenario) : null), [simKey, scenario])

  const seq = session?.seq ?? null
  const hash = result?.ok ? result.hash : null
  const reportedSeq = useRef<number | null>(null)
  useEffect(() => {
    // once per seq: a resync resends the same state, and reporting it again would loop
    if (seq === null || hash === null || reportedSeq.current === seq) return
    reportedSeq.current = seq
    report({ seq, hash })
  }, [seq, hash, report])

  // one object per change, so the overlay and the tabs re-render only when the picture changed
  return useMemo((): LiveSimulation => {
    if (!sim) return { status: 'idle' }
    if (loadFailure !== null) {
      return { status: 'failed', sim, message: `The scenario could not be loaded. ${loadFailure}`, retry }
    }
    if (!scenario || !result) return { status: 'loading', sim }
    if (!result.ok) {
      return { status: 'failed', sim, message: `The simulation could not run: ${result.message}`, retry }
    }
    const step = scenario.steps[Math.min(sim.step, scenario.steps.length - 1)]
    if (!step) return { status: 'failed', sim, message: 'The scenario has no steps.', retry }
    return { status: 'ready', sim, scenario, step, view: result.view, hash: result.hash }
  }, [sim, scenario, loadFailure, result, retry])
}
