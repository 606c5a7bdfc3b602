import { Box, type Editor, getSvgAsImage, type TLShapeId } from 'tldraw'
import { type OverlayPicture, overlaySvg } from './overlay-svg'
import { type PictureSize, pixelRatioFor } from './picture-size'

export type PictureFormat = 'png' | 'svg'

/** What the export is doing now, for the dialog's progress line. */
export type ExportStage = 'drawing' | 'painting'

export interface PictureRequest {
  format: PictureFormat
  shapeIds: TLShapeId[]
  /** The simulation to draw on top, or null for the drawing alone. */
  overlay: OverlayPicture | null
  /** How big a PNG gets (SVG scales by itself). */
  size: PictureSize
  onStage?: (stage: ExportStage) => void
}

/** Lets the browser paint the progress line before the next long step. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

/**
 * A PNG or SVG of some shapes as tldraw draws them, optionally with the simulation overlay drawn
 * into the SVG in page coordinates before it is turned into pixels. Null when there is nothing to draw.
 */
export async function exportPicture(editor: Editor, request: PictureRequest): Promise<Blob | null> {
  const { format, shapeIds, overlay, size, onStage } = request
  if (shapeIds.length === 0) return null
  const options = { background: true, darkMode: false } as const
  onStage?.('drawing')
  await nextFrame()

  const drawn = overlay ? overlaySvg(editor, overlay, editor.getShapeAndDescendantIds(shapeIds)) : null
  if (!drawn && format === 'svg') {
    const svg = await editor.getSvgString(shapeIds, options)
    return svg ? new Blob([svg.svg], { type: 'image/svg+xml' }) : null
  }

  // the halos and chips reach past the shapes: widen the picture to hold them
  const shapesBounds = editor.getShapesPageBounds(shapeIds)
  if (!shapesBounds) return null
  const bounds = drawn?.area ? Box.Common([shapesBounds, drawn.area]) : shapesBounds
  // tldraw's own room around the shapes, which also holds what draws outside them (frame titles)
  const padding = editor.options.defaultSvgPadding
  const result = await editor.getSvgElement(shapeIds, { ...options, bounds, padding })
  if (!result) return null
  if (drawn) result.svg.appendChild(drawn.node)
  const svgText = new XMLSerializer().serializeToString(result.svg)
  if (format === 'svg') return new Blob([svgText], { type: 'image/svg+xml' })

  onStage?.('painting')
  await nextFrame()
  return getSvgAsImage(svgText, {
    type: 'png',
    width: result.width,
    height: result.height,
    pixelRatio: pixelRatioFor(result, size),
  })
}

/** The area a picture of these shapes covers, in board units (before the overlay widens it). */
export function pictureArea(editor: Editor, shapeIds: TLShapeId[]): { width: number; height: number } | null {
  const bounds = shapeIds.length > 0 ? editor.getShapesPageBounds(shapeIds) : null
  if (!bounds) return null
  const padding = editor.options.defaultSvgPadding
  return { width: bounds.width + 2 * padding, height: bounds.height + 2 * padding }
}
