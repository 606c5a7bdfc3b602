import { z } from 'zod'
import { checkpointSchema } from '../scenarios/scenario-schema'
import { slugSchema } from '../templates/template-schema'

/** One beat of a run-of-show: what "Next" moves together. */
export const workshopSegmentSchema = z
  .object({
    title: z.string().min(1).max(80),
    /** Section id of the workshop's article to present (e.g. "failure-modes"). */
    articleSection: z.string().max(64).optional(),
    /** Step index (0-based) of the workshop's scenario to show. */
    scenarioStep: z.number().int().min(0).optional(),
    /** Failure mode of the scenario to trigger at this segment. */
    triggerFailure: slugSchema.optional(),
    timerMinutes: z.number().int().min(1).max(60).optional(),
    checkpoint: checkpointSchema.optional(),
    /** For the facilitator's eyes only. */
    notes: z.string().max(600).default(''),
  })
  .strict()
export type WorkshopSegment = z.infer<typeof workshopSegmentSchema>

export const workshopSchema = z
  .object({
    id: slugSchema,
    title: z.string().min(3).max(80),
    summary: z.string().min(10).max(240),
    durationMinutes: z.number().int().min(10).max(180),
    templateId: slugSchema,
    articleId: slugSchema,
    scenarioId: slugSchema.optional(),
    segments: z.array(workshopSegmentSchema).min(3).max(20),
  })
  .strict()
export type Workshop = z.infer<typeof workshopSchema>
