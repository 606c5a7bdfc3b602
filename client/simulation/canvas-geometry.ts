import {
  type Editor,
  type Geometry2d,
  Group2d,
  getArrowInfo,
  Mat,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import { type BoundArrow, type BoundBox, bindScenarioToShapes, type ScenarioOnCanvas } from './canvas-binding'
import { arrowBodyPath, type BodyPath } from './flow-path'

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** A bound box as the overlay draws it: page bounds, and its outline in its own space with the transform to the page. */
export interface PlacedBox extends BoundBox {
  bounds: Rect
  outline: string
  /** SVG transform from the shape's space to the page. */
  transform: string
}

/** A bound arrow as the overlay draws it, in the arrow's own space with the transform to the page. */
export interface PlacedArrow extends BoundArrow {
  body: BodyPath
  transform: string
  /** The arrow's own label, which the dashes leave uncovered. */
  label: Rect | null
  /** The label's box on the page, which chips keep clear of. */
  labelOnPage: Rect | null
  /** Points along the body on the page, middle first: where a flow chip may sit without a label. */
  along: Array<{ x: number; y: number }>
}

export interface PlacedScenario {
  onCanvas: ScenarioOnCanvas
  boxes: PlacedBox[]
  arrows: PlacedArrow[]
}

const svgMatrix = (m: Mat) => `matrix(${m.a} ${m.b} ${m.c} ${m.d} ${m.e} ${m.f})`

/** A shape's outline without its label: for tldraw's geo shapes the first part of a group geometry. */
function outlineOf(geometry: Geometry2d): Geometry2d {
  if (!(geometry instanceof Group2d)) return geometry
  return geometry.children.find((child) => !child.isLabel) ?? geometry
}

function labelOf(geometry: Geometry2d): Rect | null {
  if (!(geometry instanceof Group2d)) return null
  const label = geometry.children.find((child) => child.isLabel)
  if (!label) return null
  const { x, y, w, h } = label.bounds
  return { x, y, w, h }
}

function placeBox(editor: Editor, bound: BoundBox): PlacedBox | null {
  const id = bound.shapeId as TLShapeId
  const bounds = editor.getShapePageBounds(id)
  const transform = editor.getShapePageTransform(id)
  if (!bounds || !transform) return null
  const outline = outlineOf(editor.getShapeGeometry(id)).toSimpleSvgPath()
  return {
    ...bound,
    bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h },
    outline,
    transform: svgMatrix(transform),
  }
}

/** Where along an arrow's body a flow chip without a label may sit, best first. */
const ALONG = [0.5, 0.35, 0.65, 0.2, 0.8]

/** A rectangle in a shape's space, as the page sees it (the smallest page box around it). */
function rectOnPage(transform: Mat, rect: Rect): Rect {
  const a = Mat.applyToPoint(transform, { x: rect.x, y: rect.y })
  const b = Mat.applyToPoint(transform, { x: rect.x + rect.w, y: rect.y + rect.h })
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) }
}

function placeArrow(editor: Editor, bound: BoundArrow, shape: TLShape): PlacedArrow | null {
  const placed = placeArrowShape(editor, shape)
  return placed && { ...bound, ...placed }
}

/** Where an arrow shape is drawn on the page now (its body, label and transform), or null if it is not an arrow. */
export function placeArrowShape(editor: Editor, shape: TLShape): Omit<PlacedArrow, keyof BoundArrow> | null {
  if (!editor.isShapeOfType(shape, 'arrow')) return null
  const info = getArrowInfo(editor, shape)
  if (!info?.isValid) return null
  const body = arrowBodyPath(info)
  if (!body) return null
  const transform = editor.getShapePageTransform(shape.id)
  const geometry = editor.getShapeGeometry(shape.id)
  const label = labelOf(geometry)
  const outline = outlineOf(geometry)
  const along = ALONG.map((t) => Mat.applyToPoint(transform, outline.interpolateAlongEdge(t)))
  return {
    body,
    transform: svgMatrix(transform),
    label,
    labelOnPage: label && rectOnPage(transform, label),
    along: along.map(({ x, y }) => ({ x, y })),
  }
}

/**
 * What chips keep clear of within `area` of the page: every arrow label (never covered) and every
 * box (rather not), the scenario's or not.
 */
export function chipObstacles(editor: Editor, area: Rect): { labels: Rect[]; boxes: Rect[] } {
  const labels: Rect[] = []
  const boxes: Rect[] = []
  const near = (r: Rect) =>
    r.x < area.x + area.w && area.x < r.x + r.w && r.y < area.y + area.h && area.y < r.y + r.h
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type === 'arrow') {
      const label = labelOf(editor.getShapeGeometry(shape.id))
      const transform = editor.getShapePageTransform(shape.id)
      const onPage = label && transform ? rectOnPage(transform, label) : null
      if (onPage && near(onPage)) labels.push(onPage)
    } else if (shape.type === 'geo') {
      const bounds = editor.getShapePageBounds(shape.id)
      if (bounds && near(bounds)) boxes.push({ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h })
    }
  }
  return { labels, boxes }
}

/**
 * Where a scenario's entities are on the current page right now. Read inside `useValue`, so the
 * overlay follows every move, resize, restyle or deletion of the shapes it decorates.
 */
export function placeScenario(
  editor: Editor,
  scenario: Pick<Scenario, 'templateId' | 'binding'>,
): PlacedScenario {
  const onCanvas = bindScenarioToShapes(scenario, editor.getCurrentPageShapes())
  const boxes: PlacedBox[] = []
  for (const bound of onCanvas.boxes) {
    const placed = placeBox(editor, bound)
    if (placed) boxes.push(placed)
  }
  const arrows: PlacedArrow[] = []
  for (const bound of onCanvas.arrows) {
    const shape = editor.getShape(bound.shapeId as TLShapeId)
    const placed = shape ? placeArrow(editor, bound, shape) : null
    if (placed) arrows.push(placed)
  }
  return { onCanvas, boxes, arrows }
}
