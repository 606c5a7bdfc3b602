import { z } from 'zod'
import { topicIdSchema } from '../content/topics'

/** GET /api/articles — one entry in the Article tab's list. */
export const articleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  topic: topicIdSchema,
  templateId: z.string(),
  readingMinutes: z.number().int(),
  /** The scenarios the article offers (any topic's), so a list can tell which topics have a simulation. */
  scenarioIds: z.array(z.string()),
  sections: z.array(z.object({ id: z.string(), heading: z.string() })),
})
export type ArticleSummary = z.infer<typeof articleSummarySchema>
