import type {
  TLArrowBindingProps,
  TLArrowShape,
  TLBindingId,
  TLFrameShape,
  TLGeoShape,
  TLNoteShape,
  TLParentId,
  TLShapeId,
  TLShapePartial,
} from '@tldraw/tlschema'
import { toRichText } from '@tldraw/tlschema'
import { type Box, edgeKey, type LaidOutTemplate } from './layout'
import { EDGE_STYLES, NODE_STYLES } from './node-styles'

/** What a template shape carries in `meta`, so simulations can find "the shape that plays node X". */
export interface TemplateShapeMeta {
  templateId: string
  insertionId: string
  /** Node id, group id, note id, or `from->to` for an edge. */
  nodeId: string
  /** The node kind, or `group`, `note`, `edge:<kind>`. */
  kind: string
  [key: string]: string
}

export interface ArrowBindingSpec {
  id: TLBindingId
  type: 'arrow'
  fromId: TLShapeId
  toId: TLShapeId
  props: TLArrowBindingProps
}

export interface TemplateRecords {
  /** Frames first (outer before inner), then boxes, arrows and notes: creation order is z-order. */
  shapes: TLShapePartial[]
  bindings: ArrowBindingSpec[]
}

/** Ids derived from (insertion id, element id): the same insertion always yields the same records. */
export const templateShapeId = (insertionId: string, elementId: string) =>
  `shape:${insertionId}-${elementId}` as TLShapeId
const bindingId = (insertionId: string, elementId: string) =>
  `binding:${insertionId}-${elementId}` as TLBindingId
export const edgeElementId = (from: string, to: string) => `edge-${from}-${to}`
const groupElementId = (groupId: string) => `group-${groupId}`
const noteElementId = (noteId: string) => `note-${noteId}`

/**
 * Turns a laid-out template into tldraw shapes and arrow bindings whose centre is `center` on the
 * page. Every arrow is bound at both ends, so moving a box drags its arrows along.
 */
export function templateToRecords(
  laidOut: LaidOutTemplate,
  options: { insertionId: string; center: { x: number; y: number }; pageId: TLParentId },
): TemplateRecords {
  const { template } = laidOut
  const { insertionId, pageId } = options
  const dx = options.center.x - (laidOut.bounds.x + laidOut.bounds.w / 2)
  const dy = options.center.y - (laidOut.bounds.y + laidOut.bounds.h / 2)
  const meta = (nodeId: string, kind: string): TemplateShapeMeta => ({
    templateId: template.id,
    insertionId,
    nodeId,
    kind,
  })

  // tldraw stores a child's position relative to its parent frame.
  const parentFrame = (
    groupId: string | undefined,
  ): { parentId: TLParentId; origin: { x: number; y: number } } => {
    const box = groupId ? laidOut.groups[groupId] : undefined
    if (!groupId || !box) return { parentId: pageId, origin: { x: -dx, y: -dy } }
    return { parentId: templateShapeId(insertionId, groupElementId(groupId)), origin: box }
  }
  const placed = (box: Box, groupId: string | undefined) => {
    const { parentId, origin } = parentFrame(groupId)
    return { parentId, x: box.x - origin.x, y: box.y - origin.y }
  }

  const shapes: TLShapePartial[] = []
  for (const group of groupsOuterFirst(template.groups)) {
    const box = laidOut.groups[group.id]
    if (!box) continue
    shapes.push({
      id: templateShapeId(insertionId, groupElementId(group.id)),
      type: 'frame',
      ...placed(box, group.parent),
      props: { w: box.w, h: box.h, name: group.label },
      meta: meta(group.id, 'group'),
    } satisfies TLShapePartial<TLFrameShape>)
  }

  for (const node of template.nodes) {
    const box = laidOut.nodes[node.id]
    if (!box) continue
    const style = NODE_STYLES[node.kind]
    shapes.push({
      id: templateShapeId(insertionId, node.id),
      type: 'geo',
      ...placed(box, node.group),
      props: {
        geo: style.geo,
        w: box.w,
        h: box.h,
        color: style.color,
        fill: 'semi',
        dash: 'solid',
        size: 's',
        font: 'sans',
        labelColor: 'black',
        align: 'middle',
        verticalAlign: 'middle',
        richText: toRichText(node.label),
      },
      meta: meta(node.id, node.kind),
    } satisfies TLShapePartial<TLGeoShape>)
  }

  const bindings: ArrowBindingSpec[] = []
  for (const edge of template.edges) {
    const plan = laidOut.arrows[edgeKey(edge.from, edge.to)]
    if (!plan || !laidOut.nodes[edge.from] || !laidOut.nodes[edge.to]) continue
    const elementId = edgeElementId(edge.from, edge.to)
    const arrowId = templateShapeId(insertionId, elementId)
    const first = plan.path[0] ?? { x: 0, y: 0 }
    const last = plan.path[plan.path.length - 1] ?? first
    const start = { x: first.x + dx, y: first.y + dy }
    const style = EDGE_STYLES[edge.kind]
    shapes.push({
      id: arrowId,
      type: 'arrow',
      parentId: pageId,
      x: start.x,
      y: start.y,
      props: {
        start: { x: 0, y: 0 },
        end: { x: last.x - first.x, y: last.y - first.y },
        dash: style.dash,
        color: style.color,
        labelColor: 'black',
        fill: 'none',
        size: 's',
        font: 'sans',
        kind: plan.kind,
        bend: plan.kind === 'arc' ? plan.bend : 0,
        elbowMidPoint: plan.kind === 'elbow' ? plan.midpoint : 0.5,
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        labelPosition: plan.labelPosition,
        richText: toRichText(edge.label ?? ''),
      },
      meta: meta(edgeKey(edge.from, edge.to), `edge:${edge.kind}`),
    } satisfies TLShapePartial<TLArrowShape>)
    for (const terminal of ['start', 'end'] as const) {
      const anchor = plan.kind === 'elbow' ? (terminal === 'start' ? plan.startAnchor : plan.endAnchor) : null
      bindings.push({
        id: bindingId(insertionId, `${elementId}-${terminal}`),
        type: 'arrow',
        fromId: arrowId,
        toId: templateShapeId(insertionId, terminal === 'start' ? edge.from : edge.to),
        props: {
          terminal,
          // an elbow arrow leaves and enters exactly where the layout routed it
          normalizedAnchor: anchor ?? { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: anchor !== null,
          snap: 'none',
        },
      })
    }
  }

  for (const note of template.notes) {
    const box = laidOut.notes[note.id]
    if (!box) continue
    shapes.push({
      id: templateShapeId(insertionId, noteElementId(note.id)),
      type: 'note',
      parentId: pageId,
      x: box.x + dx,
      y: box.y + dy,
      props: {
        color: 'yellow',
        labelColor: 'black',
        size: 's',
        font: 'sans',
        align: 'middle',
        verticalAlign: 'middle',
        richText: toRichText(note.text),
      },
      meta: meta(note.id, 'note'),
    } satisfies TLShapePartial<TLNoteShape>)
  }
  return { shapes, bindings }
}

/** Parents before children, so a frame exists before anything is placed in it. */
function groupsOuterFirst<G extends { id: string; parent?: string | undefined }>(groups: G[]): G[] {
  const depth = (group: G): number => {
    const parent = groups.find((g) => g.id === group.parent)
    return parent ? 1 + depth(parent) : 0
  }
  return [...groups].sort((a, b) => depth(a) - depth(b))
}
