import { z } from 'zod'
import { callModeSchema, componentKindSchema, componentPropsPatchSchema } from './components'

/**
 * What a box carries in its shape's `meta` once someone gives it a component kind: the kind and
 * its own property settings (the kind's defaults fill the rest). Stored in the board document, so
 * it syncs, undoes and exports like any other shape change.
 */
export const componentMetaSchema = z.object({
  componentKind: componentKindSchema,
  props: componentPropsPatchSchema.optional(),
})
export type ComponentMeta = z.infer<typeof componentMetaSchema>

/** What an arrow may carry in `meta`: how it calls, and its share of the caller's traffic. */
export const callMetaSchema = z.object({
  callMode: callModeSchema.optional(),
  share: z.number().min(0).max(1).nullable().optional(),
})
export type CallMeta = z.infer<typeof callMetaSchema>
