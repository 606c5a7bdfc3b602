import { Box, type Editor, getSvgAsImage, type TLShapeId } from 'tldraw'
import { type OverlayPicture, overlaySvg } from './overlay-svg'

export type PictureFormat = 'png' | 'svg'

export interface PictureRequest {
  format: PictureFormat
  shapeIds: TLShapeId[]
  /** The simulation to draw on top, or null for the drawing alone. */
  overlay: OverlayPicture | null
}

/** PNGs at twice the page's size stay sharp on high-density screens and in slides. */
const PNG_PIXEL_RATIO = 2

/**
 * A PNG or SVG of some shapes as tldraw draws them, optionally with the simulation overlay drawn
 * into the SVG in page coordinates before it is turned into pixels. Null when there is nothing to draw.
 */
export async function exportPicture(editor: Editor, request: PictureRequest): Promise<Blob | null> {
  const { format, shapeIds, overlay } = request
  if (shapeIds.length === 0) return null
  const options = { background: true, darkMode: false } as const

  const drawn = overlay ? overlaySvg(editor, overlay, editor.getShapeAndDescendantIds(shapeIds)) : null
  if (!drawn) {
    if (format === 'png') {
      const image = await editor.toImage(shapeIds, { ...options, format: 'png', pixelRatio: PNG_PIXEL_RATIO })
      return image.blob
    }
    const svg = await editor.getSvgString(shapeIds, options)
    return svg ? new Blob([svg.svg], { type: 'image/svg+xml' }) : null
  }

  // the halos and chips reach past the shapes: widen the picture to hold them
  const shapesBounds = editor.getShapesPageBounds(shapeIds)
  if (!shapesBounds) return null
  const bounds = drawn.area ? Box.Common([shapesBounds, drawn.area]) : shapesBounds
  // tldraw's own room around the shapes, which also holds what draws outside them (frame titles)
  const padding = editor.options.defaultSvgPadding
  const result = await editor.getSvgElement(shapeIds, { ...options, bounds, padding })
  if (!result) return null
  result.svg.appendChild(drawn.node)
  const svgText = new XMLSerializer().serializeToString(result.svg)
  if (format === 'svg') return new Blob([svgText], { type: 'image/svg+xml' })
  return getSvgAsImage(svgText, {
    type: 'png',
    width: result.width,
    height: result.height,
    pixelRatio: PNG_PIXEL_RATIO,
  })
}
