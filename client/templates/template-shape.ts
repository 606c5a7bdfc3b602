import { z } from 'zod'
import type { NodeKind, Template, TemplateNode } from '../../shared/templates/template-schema'

// The part of a template shape's meta (shared/templates/to-tldraw.ts) that names its node.
const templateShapeMetaSchema = z.object({ templateId: z.string(), nodeId: z.string(), kind: z.string() })

/** Which template node a shape plays, from its meta; null for frames, notes, arrows and other shapes. */
export function templateNodeOfShape(meta: unknown): { templateId: string; nodeId: string } | null {
  const parsed = templateShapeMetaSchema.safeParse(meta)
  if (!parsed.success) return null
  const { templateId, nodeId, kind } = parsed.data
  if (kind === 'group' || kind === 'note' || kind.startsWith('edge:')) return null
  return { templateId, nodeId }
}

/** A template's node by id. */
export function findTemplateNode(template: Template, nodeId: string): TemplateNode | undefined {
  return template.nodes.find((node) => node.id === nodeId)
}

/** A node kind as people read it: `stream-processor` → "Stream processor". */
export function nodeKindLabel(kind: NodeKind): string {
  const words = kind.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
