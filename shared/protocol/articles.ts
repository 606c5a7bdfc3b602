import { z } from 'zod'
import { topicIdSchema } from '../content/topics'

/** GET /api/articles — one entry in the Article tab's list. */
export const articleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  topic: topicIdSchema,
  templateId: z.string(),
  readingMinutes: z.number().int(),
  sections: z.array(z.object({ id: z.string(), heading: z.string() })),
})
export type ArticleSummary = z.infer<typeof articleSummarySchema>
