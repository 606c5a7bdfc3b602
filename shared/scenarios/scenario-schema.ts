import { z } from 'zod'
import { seedSchema, simEventSchema } from '../sim/engine'
import { slugSchema } from '../templates/template-schema'

/** Engine entity ids and entity edge ids (`from->to`) as engines spell them. */
const entityIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'not an entity id')
const entityEdgeIdSchema = z.string().regex(/^[a-z0-9-]+->[a-z0-9-]+$/, 'edges are written from->to')
const templateEdgeRefSchema = z
  .string()
  .regex(/^[a-z0-9-]+->[a-z0-9-]+$/, 'template edges are written from->to')

/** A predict-then-reveal question. `answer` is the index of the expected option, when there is one. */
export const checkpointSchema = z
  .object({
    question: z.string().min(5).max(240),
    options: z.array(z.string().min(1).max(120)).min(2).max(6),
    answer: z.number().int().min(0).optional(),
  })
  .strict()
export type Checkpoint = z.infer<typeof checkpointSchema>

export const scenarioStepSchema = z
  .object({
    id: slugSchema,
    title: z.string().min(1).max(80),
    narration: z.string().min(10).max(700),
    /** Engine events that make this step happen, applied when the step is reached. */
    events: z.array(simEventSchema).max(50),
    /** How long auto-play stays on this step at 1× speed. */
    durationMs: z.number().int().min(1000).max(120_000).default(8000),
    /** Entities to draw attention to on the canvas. */
    highlights: z.array(entityIdSchema).max(20).default([]),
    checkpoint: checkpointSchema.optional(),
  })
  .strict()
export type ScenarioStep = z.infer<typeof scenarioStepSchema>

export const failureModeSchema = z
  .object({
    id: slugSchema,
    label: z.string().min(1).max(60),
    events: z.array(simEventSchema).min(1).max(20),
    blastRadius: z.string().min(5).max(240),
    recovery: z.string().min(5).max(320),
    severity: z.enum(['low', 'medium', 'high']),
  })
  .strict()
export type FailureMode = z.infer<typeof failureModeSchema>

export const scenarioSchema = z
  .object({
    id: slugSchema,
    engine: z.string().min(1),
    title: z.string().min(1).max(80),
    summary: z.string().min(10).max(240),
    /** The template whose boxes the simulation colours. */
    templateId: slugSchema,
    seed: seedSchema,
    /** Engine parameters, validated by the engine's own schema. */
    params: z.record(z.string(), z.unknown()).default({}),
    /**
     * Which template nodes play each engine entity, and which template edges each entity edge
     * (one entity may be drawn by several boxes, e.g. a worker pool).
     */
    binding: z
      .object({
        nodes: z.record(entityIdSchema, z.array(slugSchema).min(1).max(12)),
        edges: z.record(entityEdgeIdSchema, z.array(templateEdgeRefSchema).min(1).max(12)).default({}),
      })
      .strict(),
    steps: z.array(scenarioStepSchema).min(3).max(8),
    failureModes: z.array(failureModeSchema).min(2).max(8),
  })
  .strict()
export type Scenario = z.infer<typeof scenarioSchema>
