import type { ScenarioSummary } from '../../shared/protocol/scenarios'
import type { Scenario } from '../../shared/scenarios/scenario-schema'

/** The shipped scenarios, validated against the engines and the templates they colour (see prepareContent). */
export class ScenarioLibrary {
  private constructor(private readonly scenarios: Map<string, Scenario>) {}

  static of(list: Scenario[]): ScenarioLibrary {
    return new ScenarioLibrary(new Map(list.map((s) => [s.id, s])))
  }

  get(id: string): Scenario | undefined {
    return this.scenarios.get(id)
  }

  summaries(): ScenarioSummary[] {
    return [...this.scenarios.values()].map((s) => ({
      id: s.id,
      engine: s.engine,
      title: s.title,
      summary: s.summary,
      templateId: s.templateId,
      stepCount: s.steps.length,
    }))
  }
}
