import { z } from 'zod'

/** GET /api/scenarios — one entry in the Simulation tab's picker. */
export const scenarioSummarySchema = z.object({
  id: z.string(),
  engine: z.string(),
  title: z.string(),
  summary: z.string(),
  templateId: z.string(),
  stepCount: z.number().int(),
})
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>
