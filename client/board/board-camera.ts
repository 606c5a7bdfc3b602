import { Box, type Editor } from 'tldraw'
import { freeViewport, type ScreenArea } from './free-viewport'

/**
 * The lowest zoom a camera we move ourselves goes to: template labels are 18 px (tldraw's size
 * `s`), so at 0.7 they are 12.6 px on screen, above the 11 px people can read on a shared screen.
 */
export const READABLE_ZOOM = 0.7
const CAMERA_MS = 320

interface AimOptions {
  /** Never zoom in past this. */
  maxZoom?: number
  /** Never zoom out past this (READABLE_ZOOM unless told). */
  minZoom?: number
  animate?: boolean
}

/**
 * Puts `bounds` in the free part of the canvas (clear of the dock and tldraw's panels) at the
 * largest zoom that shows all of it, between READABLE_ZOOM and `maxZoom`. When it does not fit at
 * a readable zoom, its start (left edge, or top for a tall diagram) is shown instead of all of it.
 */
export function aimCamera(
  editor: Editor,
  bounds: Box,
  { maxZoom = 1, minZoom = READABLE_ZOOM, animate = false }: AimOptions = {},
): void {
  const free = freeViewport(editor)
  const fit = Math.min(free.w / Math.max(bounds.w, 1), free.h / Math.max(bounds.h, 1))
  const zoom = Math.min(Math.max(fit, minZoom), Math.max(maxZoom, minZoom))
  const visibleW = free.w / zoom
  const visibleH = free.h / zoom
  const wide = bounds.w / visibleW >= bounds.h / visibleH
  // page point that goes to the free area's centre
  const cx = bounds.w <= visibleW || !wide ? bounds.center.x : bounds.minX + visibleW / 2
  const cy = bounds.h <= visibleH || wide ? bounds.center.y : bounds.minY + visibleH / 2
  const camera = cameraPutting(free, { x: cx, y: cy }, zoom)
  editor.setCamera(camera, animate ? { animation: { duration: CAMERA_MS } } : undefined)
}

/** The camera that shows page point `p` at the centre of `area` with `zoom`. */
function cameraPutting(area: ScreenArea, p: { x: number; y: number }, zoom: number) {
  // tldraw: viewport point = (page point + camera) × zoom
  return { x: (area.x + area.w / 2) / zoom - p.x, y: (area.y + area.h / 2) / zoom - p.y, z: zoom }
}

/**
 * Opens a board on its content at a readable zoom, clear of the dock and panels: all of it when it
 * fits, else its start. What frames the view are the boxes: sticky notes (a template's prompts under
 * the diagram) and arrows (a feedback arc may swing wide around the diagram) do not count.
 */
export function zoomToContent(editor: Editor): void {
  const shapes = editor.getCurrentPageShapes()
  const diagram = shapes.filter((shape) => shape.type !== 'note' && shape.type !== 'arrow')
  const bounds = editor.getShapesPageBounds((diagram.length > 0 ? diagram : shapes).map((shape) => shape.id))
  if (bounds) aimCamera(editor, bounds)
}

/** The page area the free part of the canvas shows now. */
export function freePageBounds(editor: Editor): Box {
  const free = freeViewport(editor)
  const { x, y, z } = editor.getCamera()
  return new Box(free.x / z - x, free.y / z - y, free.w / z, free.h / z)
}

/** Moves the camera to `bounds` when any part of it is hidden (off screen or under a panel). */
export function bringIntoView(editor: Editor, bounds: Box): void {
  if (freePageBounds(editor).contains(bounds)) return
  // no animation: tldraw stops a camera animation on any viewport or input change meanwhile, which
  // left the view half-way (zoom 0.3–0.7) in tests; followers still glide after it (tldraw's following)
  aimCamera(editor, bounds, { maxZoom: Math.max(editor.getZoomLevel(), READABLE_ZOOM) })
}
