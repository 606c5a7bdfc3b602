import { z } from 'zod'
import {
  type CallMode,
  type ComponentKind,
  type ComponentPropsPatch,
  callModeSchema,
  componentKindSchema,
  componentPropsSchema,
  TEMPLATE_EDGE_MODE,
  TEMPLATE_KIND_COMPONENT,
} from './components'
import { boxIdSchema, type GraphSnapshot, graphSnapshotSchema, type SnapshotCall } from './graph-snapshot'
import { type LooseArrow, looseArrowOf } from './loose-arrows'

/** The parts of a tldraw shape record the reading needs (any real record has them). */
const shapeRecordSchema = z.looseObject({
  id: z.string(),
  typeName: z.literal('shape'),
  type: z.string(),
  parentId: z.string(),
  props: z.looseObject({}),
  meta: z.looseObject({}),
})
type ShapeRecord = z.infer<typeof shapeRecordSchema>

/** An arrow binding: the arrow (`fromId`) is tied at one terminal to a shape (`toId`). */
const arrowBindingSchema = z.looseObject({
  typeName: z.literal('binding'),
  type: z.literal('arrow'),
  fromId: z.string(),
  toId: z.string(),
  props: z.looseObject({ terminal: z.enum(['start', 'end']) }),
})

/** Why a shape that looks like part of the diagram was left out. */
export interface SkippedShape {
  shapeId: string
  reason: string
}

/** The graph read off a page, or null when no box has a component kind yet. */
export interface DiagramReading {
  snapshot: GraphSnapshot | null
  skipped: SkippedShape[]
  /** Arrows tied to or lying beside a box that are not calls (for design hints; never in the snapshot). */
  looseArrows: LooseArrow[]
}

/**
 * Reads a board's tldraw records into the graph snapshot a Run freezes (pure, so the server and
 * every client read the same graph): a shape with `meta.componentKind` (or a template box, whose
 * `meta.kind` maps to a component kind) is a box; an arrow bound at both ends to boxes is a call,
 * sync or async by `meta.callMode`, its template edge kind, or else its dash (dashed = async).
 * Boxes and calls are sorted by id, so the snapshot does not depend on record order. An arrow
 * that is not a call yet touches a box is listed as loose, for the hints only (`loose-arrows.ts`).
 */
export function snapshotFromRecords(records: readonly unknown[]): DiagramReading {
  const shapes = new Map<string, ShapeRecord>()
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const record of records) {
    const shape = shapeRecordSchema.safeParse(record)
    if (shape.success) shapes.set(shape.data.id, shape.data)
    const binding = arrowBindingSchema.safeParse(record)
    if (binding.success) {
      const { fromId, toId, props } = binding.data
      ends.set(fromId, { ...ends.get(fromId), [props.terminal]: toId })
    }
  }

  const skipped: SkippedShape[] = []
  const boxes: GraphSnapshot['boxes'] = []
  for (const shape of [...shapes.values()].sort(byId)) {
    if (shape.type === 'arrow') continue
    const kind = componentKindOf(shape.meta)
    if (!kind) continue
    if (!boxIdSchema.safeParse(shape.id).success) {
      skipped.push({ shapeId: shape.id, reason: 'its id cannot name a box' })
      continue
    }
    const { props, rejected } = readProps(shape.meta.props)
    if (rejected.length > 0)
      skipped.push({ shapeId: shape.id, reason: `ignored settings: ${rejected.join(', ')}` })
    const parent = shapes.get(shape.parentId)
    boxes.push({
      id: shape.id,
      label: textOf(shape.props.richText).slice(0, 80),
      kind,
      group: parent?.type === 'frame' ? parent.id : null,
      props,
    })
  }
  const boxIds = new Set(boxes.map((box) => box.id))

  const calls: SnapshotCall[] = []
  const looseArrows: LooseArrow[] = []
  for (const arrow of [...shapes.values()].filter((shape) => shape.type === 'arrow').sort(byId)) {
    const mode = callModeOf(arrow)
    if (mode === null) continue // a control arrow carries no traffic
    const { start, end } = ends.get(arrow.id) ?? {}
    if (!start || !end || !boxIds.has(start) || !boxIds.has(end)) {
      if (start && boxIds.has(start))
        skipped.push({ shapeId: arrow.id, reason: 'not bound to a box at its end' })
      else if (end && boxIds.has(end))
        skipped.push({ shapeId: arrow.id, reason: 'not bound to a box at its start' })
      const loose = looseArrowOf(arrow, { start, end }, shapes, boxIds)
      if (loose) looseArrows.push(loose)
      continue
    }
    const share = z.number().min(0).max(1).safeParse(arrow.meta.share)
    calls.push({ id: arrow.id, from: start, to: end, mode, share: share.success ? share.data : null })
  }

  if (boxes.length === 0) return { snapshot: null, skipped, looseArrows }
  return { snapshot: graphSnapshotSchema.parse({ boxes, calls }), skipped, looseArrows }
}

/** The component a shape plays: its own kind, or a template box's node kind mapped. */
export function componentKindOf(meta: Record<string, unknown>): ComponentKind | undefined {
  const own = componentKindSchema.safeParse(meta.componentKind)
  if (own.success) return own.data
  // a template box plays the component its node kind maps to
  if (typeof meta.templateId === 'string' && typeof meta.kind === 'string')
    return TEMPLATE_KIND_COMPONENT[meta.kind as keyof typeof TEMPLATE_KIND_COMPONENT]
  return undefined
}

/** How an arrow calls: its own setting, its template edge kind, or else its dash. */
export function callModeOf(arrow: Pick<ShapeRecord, 'meta' | 'props'>): CallMode | null {
  const own = callModeSchema.safeParse(arrow.meta.callMode)
  if (own.success) return own.data
  const templateKind = typeof arrow.meta.kind === 'string' ? arrow.meta.kind.replace(/^edge:/, '') : ''
  if (templateKind in TEMPLATE_EDGE_MODE) return TEMPLATE_EDGE_MODE[templateKind] ?? null
  return arrow.props.dash === 'dashed' || arrow.props.dash === 'dotted' ? 'async' : 'sync'
}

/** Each valid setting kept, each invalid one named (a bad value never blocks a Run). */
export function readProps(raw: unknown): { props: ComponentPropsPatch; rejected: string[] } {
  const props: Record<string, unknown> = {}
  const rejected: string[] = []
  if (typeof raw !== 'object' || raw === null) return { props, rejected }
  const shape = componentPropsSchema.shape as Record<string, z.ZodType>
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key]
    const parsed = field?.safeParse(value)
    if (parsed?.success) props[key] = parsed.data
    else rejected.push(key)
  }
  return { props: props as ComponentPropsPatch, rejected }
}

/** The plain text of a tldraw rich text document (TipTap JSON). */
export function textOf(richText: unknown): string {
  if (typeof richText !== 'object' || richText === null) return ''
  const node = richText as { text?: unknown; content?: unknown; type?: unknown }
  if (typeof node.text === 'string') return node.text
  if (!Array.isArray(node.content)) return ''
  const separator = node.type === 'doc' ? '\n' : ''
  return node.content.map(textOf).join(separator)
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
