import type { ScenarioSummary } from '../../shared/protocol/scenarios'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { loadScenarios } from './scenario-catalog'
import type { TemplateLibrary } from './template-library'

/** The shipped scenarios, validated at start-up against the engines and the templates they colour. */
export class ScenarioLibrary {
  private constructor(private readonly scenarios: Map<string, Scenario>) {}

  static load(dir: string, templates: TemplateLibrary): ScenarioLibrary {
    const list = loadScenarios(dir, (id) => templates.get(id)?.template)
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
