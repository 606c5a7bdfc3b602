import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SimSession } from '../../shared/session/session-state'
import { SeverityChip } from './FailureMenu'

/** The failures injected so far, with who they hit and how to recover. */
export function TriggeredFailures({ sim, scenario }: { sim: SimSession; scenario: Scenario }) {
  if (sim.failures.length === 0) return null
  return (
    <section className="sim-section" aria-label="Failures triggered">
      <h3 className="sim-heading">Failures triggered</h3>
      <ul className="sim-failures" data-testid="sim-failures">
        {sim.failures.map((failure, i) => {
          const mode = scenario.failureModes.find((m) => m.id === failure.id)
          if (!mode) return null
          return (
            // the same failure may be triggered twice
            // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at the end
            <li key={i} className="sim-failure" data-failure-id={mode.id}>
              <div className="sim-failure__head">
                <span className="sim-failure__label">{mode.label}</span>
                <SeverityChip severity={mode.severity} />
                <span className="sim-failure__when">at step {failure.atStep + 1}</span>
              </div>
              <p className="sim-failure__text">
                <strong>Blast radius.</strong> {mode.blastRadius}
              </p>
              <p className="sim-failure__text">
                <strong>Recovery.</strong> {mode.recovery}
              </p>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
