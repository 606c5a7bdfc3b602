import { z } from 'zod'

/** The twelve seed topics (DESIGN.md §8) plus the system-behaviour simulations. */
export const TOPICS = [
  { id: 'dense-llm', title: 'Dense LLM architecture' },
  { id: 'medallion', title: 'Medallion lakehouse' },
  { id: 'kappa', title: 'Kappa architecture' },
  { id: 'microservices', title: 'Microservices' },
  { id: 'serverless', title: 'Serverless' },
  { id: 'modernization', title: 'Modernization' },
  { id: 'lambda', title: 'Lambda architecture' },
  { id: 'integration', title: 'Integration patterns' },
  { id: 'deployment', title: 'Deployment patterns' },
  { id: 'cloud', title: 'Cloud patterns' },
  { id: 'big-data', title: 'Big data patterns' },
  { id: 'ai-systems', title: 'AI systems' },
  { id: 'system-behavior', title: 'System behaviour' },
] as const

export type TopicId = (typeof TOPICS)[number]['id']
export const topicIdSchema = z.enum(TOPICS.map((t) => t.id) as [TopicId, ...TopicId[]])

/** The display title of a topic. */
export function topicTitle(id: TopicId): string {
  return TOPICS.find((t) => t.id === id)?.title ?? id
}
