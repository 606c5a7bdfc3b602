import { z } from 'zod'
import { topicIdSchema } from '../content/topics'

/** Ids inside a template: short lowercase slugs, so derived tldraw ids stay readable. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'use lowercase letters, digits and dashes')

/** What a box is; each kind has its own look on the canvas (see node-styles.ts). */
export const nodeKindSchema = z.enum([
  'client',
  'edge-router',
  'router',
  'gateway',
  'load-balancer',
  'service',
  'worker',
  'function',
  'queue',
  'log',
  'stream-processor',
  'database',
  'cache',
  'object-store',
  'warehouse',
  'control-plane',
  'model',
  'agent',
  'tool',
  'vector-store',
  'monitor',
  'scheduler',
  'external',
])
export type NodeKind = z.infer<typeof nodeKindSchema>

/** How data moves along an arrow; each kind has its own stroke. */
export const edgeKindSchema = z.enum(['sync', 'async', 'stream', 'batch', 'replication', 'control'])
export type EdgeKind = z.infer<typeof edgeKindSchema>

const pointSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict()

export const templateNodeSchema = z
  .object({
    id: slugSchema,
    label: z.string().min(1).max(48),
    kind: nodeKindSchema,
    group: slugSchema.optional(),
    /** What this component is responsible for, in a sentence or two. */
    role: z.string().min(10).max(400),
    /** How it typically fails, and what that looks like from outside. */
    failure: z.string().min(10).max(400),
    position: pointSchema.optional(),
  })
  .strict()
export type TemplateNode = z.infer<typeof templateNodeSchema>

export const templateGroupSchema = z
  .object({ id: slugSchema, label: z.string().min(1).max(48), parent: slugSchema.optional() })
  .strict()
export type TemplateGroup = z.infer<typeof templateGroupSchema>

export const templateEdgeSchema = z
  .object({
    from: slugSchema,
    to: slugSchema,
    kind: edgeKindSchema,
    label: z.string().max(40).optional(),
  })
  .strict()
export type TemplateEdge = z.infer<typeof templateEdgeSchema>

/** A sticky note with a prompt for the group, placed near a node (or beside the diagram). */
export const templateNoteSchema = z
  .object({ id: slugSchema, text: z.string().min(1).max(280), near: slugSchema.optional() })
  .strict()
export type TemplateNote = z.infer<typeof templateNoteSchema>

export const templateSchema = z
  .object({
    id: slugSchema,
    topic: topicIdSchema,
    title: z.string().min(1).max(80),
    summary: z.string().min(10).max(200),
    /** Layout direction of the flow. */
    direction: z.enum(['right', 'down']).default('right'),
    nodes: z.array(templateNodeSchema).min(1).max(80),
    groups: z.array(templateGroupSchema).max(30).default([]),
    edges: z.array(templateEdgeSchema).max(150).default([]),
    notes: z.array(templateNoteSchema).max(12).default([]),
  })
  .strict()
export type Template = z.infer<typeof templateSchema>
export type TemplateInput = z.input<typeof templateSchema>
