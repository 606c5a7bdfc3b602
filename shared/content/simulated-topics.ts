import type { ArticleSummary } from '../protocol/articles'
import type { ScenarioSummary } from '../protocol/scenarios'
import type { TemplateSummary } from '../protocol/templates'
import type { TopicId } from './topics'

/**
 * The topics that have a simulation, derived from content: a topic has one when a scenario runs on
 * one of its templates, or when one of its articles offers a scenario.
 */
export function simulatedTopics(content: {
  templates: readonly TemplateSummary[]
  scenarios: readonly ScenarioSummary[]
  articles: readonly ArticleSummary[]
}): Set<TopicId> {
  const topicOfTemplate = new Map(content.templates.map((template) => [template.id, template.topic]))
  const topics = new Set<TopicId>()
  for (const scenario of content.scenarios) {
    const topic = topicOfTemplate.get(scenario.templateId)
    if (topic) topics.add(topic)
  }
  for (const article of content.articles) if (article.scenarioIds.length > 0) topics.add(article.topic)
  return topics
}
