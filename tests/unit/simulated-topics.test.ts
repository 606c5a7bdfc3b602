import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../../server/content/scenario-catalog'
import { loadTemplates } from '../../server/content/template-catalog'
import { simulatedTopics } from '../../shared/content/simulated-topics'

describe('which topics have a simulation', () => {
  it('counts a topic when a scenario runs on its template or its article offers one, from content alone', () => {
    const templates = loadTemplates('content/templates')
    const byId = new Map(templates.map((t) => [t.id, t]))
    const scenarios = loadScenarios('content/scenarios', (id) => byId.get(id))
    const summaries = templates.map((t) => ({
      id: t.id,
      topic: t.topic,
      title: t.title,
      summary: t.summary,
      nodeCount: 0,
      edgeCount: 0,
    }))
    const scenarioSummaries = scenarios.map((s) => ({
      id: s.id,
      engine: s.engine,
      title: s.title,
      summary: s.summary,
      templateId: s.templateId,
      stepCount: s.steps.length,
    }))
    const article = (topic: 'big-data' | 'dense-llm', scenarioIds: string[]) => ({
      id: topic,
      title: topic,
      topic,
      templateId: 'x',
      readingMinutes: 1,
      scenarioIds,
      sections: [],
    })
    const topics = simulatedTopics({
      templates: summaries,
      scenarios: scenarioSummaries,
      articles: [article('big-data', ['kappa-reprocess']), article('dense-llm', [])],
    })
    for (const scenario of scenarios)
      expect(topics.has(byId.get(scenario.templateId)?.topic as never)).toBe(true)
    expect(topics.has('big-data')).toBe(true)
    const withoutScenarios = simulatedTopics({
      templates: summaries,
      scenarios: [],
      articles: [article('dense-llm', [])],
    })
    expect(withoutScenarios.size).toBe(0)
  })
})
