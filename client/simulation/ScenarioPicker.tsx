import type { ScenarioSummary } from '../../shared/protocol/scenarios'
import { useScenarioSummaries } from './scenario-cache'
import { groupScenarios } from './scenario-groups'

/** The facilitator's list of scenarios to load; loading one starts it for everyone at step 1. */
export function ScenarioPicker({
  boardTemplateId,
  loadingId,
  onLoad,
}: {
  boardTemplateId: string | null
  loadingId: string | null
  onLoad: (scenarioId: string) => void
}) {
  const { state, retry } = useScenarioSummaries()
  if (state.status === 'loading') return <p className="muted sim-empty">Finding scenarios…</p>
  if (state.status === 'failed') {
    return (
      <div className="sim-note" role="alert">
        <p>The scenarios could not be loaded. {state.message}</p>
        <button type="button" className="button button--small" onClick={retry}>
          Try again
        </button>
      </div>
    )
  }
  const { forBoard, others } = groupScenarios(state.value, boardTemplateId)
  const list = (scenarios: ScenarioSummary[]) => (
    <ul className="scenario-list">
      {scenarios.map((scenario) => (
        <li
          key={scenario.id}
          className="scenario-item"
          data-testid="scenario-item"
          data-scenario-id={scenario.id}
        >
          <div className="scenario-item__text">
            <p className="scenario-item__title">{scenario.title}</p>
            <p className="scenario-item__summary">{scenario.summary}</p>
            <p className="scenario-item__meta">
              {scenario.stepCount} steps · {scenario.templateId}
            </p>
          </div>
          <button
            type="button"
            className="button button--small"
            disabled={loadingId !== null}
            onClick={() => onLoad(scenario.id)}
            data-testid={`load-scenario-${scenario.id}`}
          >
            {loadingId === scenario.id ? 'Starting…' : 'Start'}
          </button>
        </li>
      ))}
    </ul>
  )
  return (
    <div className="scenario-picker" data-testid="scenario-picker">
      <p className="sim-intro">
        Pick a scenario to run on this board. Everyone sees the same step on their panel and canvas; you
        drive.
      </p>
      {forBoard.length > 0 && (
        <section className="sim-section">
          <h3 className="sim-heading">For this board’s template</h3>
          {list(forBoard)}
        </section>
      )}
      {others.length > 0 && (
        <section className="sim-section">
          <h3 className="sim-heading">{forBoard.length > 0 ? 'Other scenarios' : 'Scenarios'}</h3>
          {list(others)}
        </section>
      )}
    </div>
  )
}
