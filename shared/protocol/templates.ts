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
const pointSchema = z.object({ x: z.number(), y: z.number() })

/** How one template arrow is drawn (see shared/templates/arrow-routes.ts). */
const arrowPlanSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('elbow'),
    startAnchor: pointSchema,
    endAnchor: pointSchema,
    midpoint: z.number().min(0).max(1),
    labelPosition: z.number().min(0).max(1),
    path: z.array(pointSchema).max(200),
  }),
  z.object({
    kind: z.literal('arc'),
    bend: z.number(),
    labelPosition: z.number().min(0).max(1),
    path: z.array(pointSchema).max(200),
  }),
])

/** GET /api/templates/:id — the template with the geometry the server laid out for it. */
export const laidOutTemplateSchema = z.object({
  template: templateSchema,
  nodes: z.record(z.string(), boxSchema),
  groups: z.record(z.string(), boxSchema),
  notes: z.record(z.string(), boxSchema),
  arrows: z.record(z.string(), arrowPlanSchema),
  bounds: boxSchema,
})
