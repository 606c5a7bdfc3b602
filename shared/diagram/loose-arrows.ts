/**
 * Arrows that look like calls but are not (issue 15): tldraw binds an arrow end only when it is
 * dropped onto a shape, so an end left just beside a box looks attached and carries no traffic.
 */

/** How far (page units) a free arrow end may lie from a box's edge and still look attached to it. */
export const NEAR_BOX_DISTANCE = 24

/** One end of an arrow that is not a call: tied to a box, free beside one, tied to a shape with no kind, or free. */
export type ArrowEnd =
  | { kind: 'box'; boxId: string }
  | { kind: 'near'; boxId: string }
  | { kind: 'plain'; shapeId: string }
  | { kind: 'free' }

/** An arrow that touches the diagram (an end tied to or lying beside a box) yet is not a call. */
export interface LooseArrow {
  /** The arrow's shape id. */
  id: string
  start: ArrowEnd
  end: ArrowEnd
}

/** What the reading needs of a shape record: place, parent, props (read defensively: any record has them). */
export interface PlacedShape {
  id: string
  type: string
  parentId: string
  x?: unknown
  y?: unknown
  rotation?: unknown
  props: Record<string, unknown>
}

interface Transform {
  x: number
  y: number
  rotation: number
}

/**
 * Reads an arrow that is not a call as a loose arrow, or null when it has nothing to do with the
 * diagram: no end tied to or lying beside a box, or an end tied to a note, text or frame (an
 * annotation pointing at a box). An end tied to a rectangle with no kind counts: it looks like a box.
 */
export function looseArrowOf(
  arrow: PlacedShape,
  tiedTo: { start?: string; end?: string },
  shapes: ReadonlyMap<string, PlacedShape>,
  boxIds: ReadonlySet<string>,
): LooseArrow | null {
  const endOf = (terminal: 'start' | 'end'): ArrowEnd | null => {
    const tied = tiedTo[terminal]
    if (tied && boxIds.has(tied)) return { kind: 'box', boxId: tied }
    if (tied) return shapes.get(tied)?.type === 'geo' ? { kind: 'plain', shapeId: tied } : null
    const point = pointOf(arrow.props[terminal])
    const near = point ? nearestBox(toPage(transformOf(arrow.id, shapes), point), shapes, boxIds) : null
    return near ? { kind: 'near', boxId: near } : { kind: 'free' }
  }
  const start = endOf('start')
  const end = endOf('end')
  if (!start || !end) return null
  const touches = (e: ArrowEnd) => e.kind === 'box' || e.kind === 'near'
  if (!touches(start) && !touches(end)) return null
  return { id: arrow.id, start, end }
}

/** The box (in id order) whose outline a page point lies within `NEAR_BOX_DISTANCE` of, nearest first. */
function nearestBox(
  point: { x: number; y: number },
  shapes: ReadonlyMap<string, PlacedShape>,
  boxIds: ReadonlySet<string>,
): string | null {
  let best: { id: string; distance: number } | null = null
  for (const id of [...boxIds].sort()) {
    const box = shapes.get(id)
    const size = box ? sizeOf(box) : null
    if (!size) continue
    const distance = distanceToBox(point, transformOf(id, shapes), size)
    if (distance <= NEAR_BOX_DISTANCE && (!best || distance < best.distance)) best = { id, distance }
  }
  return best?.id ?? null
}

/** Distance from a page point to a (possibly rotated) box; 0 inside it. */
function distanceToBox(
  point: { x: number; y: number },
  box: Transform,
  size: { w: number; h: number },
): number {
  const dx = point.x - box.x
  const dy = point.y - box.y
  const cos = Math.cos(box.rotation)
  const sin = Math.sin(box.rotation)
  const local = { x: cos * dx + sin * dy, y: -sin * dx + cos * dy }
  const outX = Math.max(-local.x, 0, local.x - size.w)
  const outY = Math.max(-local.y, 0, local.y - size.h)
  return Math.hypot(outX, outY)
}

/** A shape's size: its own width and height (a geo shape grows with its label), a note's fixed square. */
function sizeOf(shape: PlacedShape): { w: number; h: number } | null {
  const growY = numberOr(shape.props.growY, 0)
  if (shape.type === 'note') return { w: 200 * numberOr(shape.props.scale, 1), h: 200 + growY }
  const w = numberOr(shape.props.w, Number.NaN)
  const h = numberOr(shape.props.h, Number.NaN)
  return Number.isNaN(w) || Number.isNaN(h) ? null : { w, h: h + growY }
}

/** Where a shape's origin sits on the page and how it is turned, through its parent frames and groups. */
function transformOf(id: string, shapes: ReadonlyMap<string, PlacedShape>, depth = 0): Transform {
  const shape = shapes.get(id)
  if (!shape || depth > 32) return { x: 0, y: 0, rotation: 0 }
  const parent = shapes.has(shape.parentId)
    ? transformOf(shape.parentId, shapes, depth + 1)
    : { x: 0, y: 0, rotation: 0 }
  const origin = toPage(parent, { x: numberOr(shape.x, 0), y: numberOr(shape.y, 0) })
  return { ...origin, rotation: parent.rotation + numberOr(shape.rotation, 0) }
}

function toPage(transform: Transform, point: { x: number; y: number }): { x: number; y: number } {
  const cos = Math.cos(transform.rotation)
  const sin = Math.sin(transform.rotation)
  return { x: transform.x + cos * point.x - sin * point.y, y: transform.y + sin * point.x + cos * point.y }
}

function pointOf(value: unknown): { x: number; y: number } | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y } = value as { x?: unknown; y?: unknown }
  return typeof x === 'number' && typeof y === 'number' ? { x, y } : null
}

const numberOr = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback
