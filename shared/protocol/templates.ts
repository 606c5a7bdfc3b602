import { z } from 'zod'
import { topicIdSchema } from '../content/topics'
import { templateSchema } from '../templates/template-schema'

/** GET /api/templates — one card in the gallery. */
export const templateSummarySchema = z.object({
  id: z.string(),
  topic: topicIdSchema,
  title: z.string(),
  summary: z.string(),
  nodeCount: z.number().int(),
  edgeCount: z.number().int(),
})
export type TemplateSummary = z.infer<typeof templateSummarySchema>

const boxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })

/** GET /api/templates/:id — the template with the geometry the server laid out for it. */
export const laidOutTemplateSchema = z.object({
  template: templateSchema,
  nodes: z.record(z.string(), boxSchema),
  groups: z.record(z.string(), boxSchema),
  notes: z.record(z.string(), boxSchema),
  bounds: boxSchema,
})
