import { z } from 'zod'
import { callModeSchema, componentKindSchema, componentPropsPatchSchema } from './components'

/** A shape id as the snapshot carries it (tldraw's `shape:…`, or a plain slug in tests). */
export const boxIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9:_-]{1,80}$/, 'box ids are letters, digits, ":", "_" and "-"')
  .refine((id) => !id.includes('->'), 'a box id may not contain "->"')

export const snapshotBoxSchema = z
  .object({
    id: boxIdSchema,
    label: z.string().max(80).default(''),
    kind: componentKindSchema,
    /** The frame the box sits in, if any: partitions may name groups of boxes. */
    group: z.string().max(80).nullable().default(null),
    /** The box's own settings; its kind's defaults fill the rest. */
    props: componentPropsPatchSchema.default({}),
  })
  .strict()
export type SnapshotBox = z.infer<typeof snapshotBoxSchema>

export const snapshotCallSchema = z
  .object({
    /** The arrow's shape id. */
    id: boxIdSchema,
    from: boxIdSchema,
    to: boxIdSchema,
    mode: callModeSchema.default('sync'),
    /** Share of the caller's requests this call carries; null: an equal split (routing) or every request. */
    share: z.number().min(0).max(1).nullable().default(null),
  })
  .strict()
export type SnapshotCall = z.infer<typeof snapshotCallSchema>

/** Most boxes and calls a drawn diagram may run with. */
export const MAX_BOXES = 400
export const MAX_CALLS = 1_000

/**
 * The graph a Run freezes into the session (DESIGN.md §4): boxes with a component kind and
 * properties, bound arrows as calls. Box and call ids are the shapes' own ids.
 */
export const graphSnapshotSchema = z
  .object({
    boxes: z.array(snapshotBoxSchema).min(1).max(MAX_BOXES),
    calls: z.array(snapshotCallSchema).max(MAX_CALLS).default([]),
  })
  .strict()
  .superRefine((graph, ctx) => {
    const ids = new Set<string>()
    for (const box of graph.boxes) {
      if (ids.has(box.id)) ctx.addIssue({ code: 'custom', message: `box ${box.id} appears twice` })
      ids.add(box.id)
    }
    const callIds = new Set<string>()
    for (const call of graph.calls) {
      if (callIds.has(call.id)) ctx.addIssue({ code: 'custom', message: `call ${call.id} appears twice` })
      callIds.add(call.id)
      for (const end of [call.from, call.to]) {
        if (!ids.has(end)) ctx.addIssue({ code: 'custom', message: `call ${call.id} names no box ${end}` })
      }
    }
  })
export type GraphSnapshot = z.infer<typeof graphSnapshotSchema>
export type GraphSnapshotInput = z.input<typeof graphSnapshotSchema>
