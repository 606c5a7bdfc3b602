import { TOPICS, type TopicId, topicTitle } from '../../shared/content/topics'
import type { TemplateSummary } from '../../shared/protocol/templates'

/** One topic's heading and its templates, as the gallery shows them. */
export interface TopicSection {
  topicId: TopicId
  title: string
  templates: TemplateSummary[]
}

/** Lower case without accents, so "behavior" and "Behaviour" differ only where the letters do. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/** Whether a template matches every word of a search, looking at its title, summary and topic. */
export function matchesSearch(template: TemplateSummary, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = fold(`${template.title} ${template.summary} ${topicTitle(template.topic)}`)
  return words.every((word) => text.includes(word))
}

/** The templates that match a search, grouped by topic in the topics' display order; empty topics left out. */
export function templateSections(templates: readonly TemplateSummary[], search: string): TopicSection[] {
  return TOPICS.flatMap((topic) => {
    const matching = templates.filter((t) => t.topic === topic.id && matchesSearch(t, search))
    return matching.length > 0 ? [{ topicId: topic.id, title: topic.title, templates: matching }] : []
  })
}
