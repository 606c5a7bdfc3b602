import { Box, type Editor, type TLShapeId } from 'tldraw'

/** Size of a board's thumbnail: about a card's width on the home page. */
export const THUMBNAIL_SIZE = { width: 320, height: 220 } as const

/**
 * Above this many shapes the picture is an outline of every shape rather than tldraw's drawing:
 * drawing 5,000 shapes to an image held the main thread for seconds (issue 16), and at a card's
 * size a big board's shapes are specks either way.
 */
export const DRAWN_THUMBNAIL_MAX_SHAPES = 300
/** Shapes outlined between yields to the browser, so no stretch of the outline blocks for long. */
const OUTLINE_CHUNK = 500
/** Space around the shapes in a picture, in the picture's pixels. */
const PADDING = 12
/** The name of the Performance API measure each thumbnail leaves, for tests and profiles. */
export const THUMBNAIL_MEASURE = 'lockstep:thumbnail'

/**
 * A small PNG of everything on the current page (light mode, with the page background), or null
 * when the page is empty or the browser could not draw it.
 */
export async function pageThumbnail(editor: Editor): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()]
  if (ids.length === 0) return null
  const started = performance.now()
  try {
    return ids.length > DRAWN_THUMBNAIL_MAX_SHAPES
      ? await outlineThumbnail(editor, ids)
      : await drawnThumbnail(editor, ids)
  } catch (error) {
    console.warn('Lockstep: the board thumbnail could not be drawn', error)
    return null
  } finally {
    performance.measure(THUMBNAIL_MEASURE, { start: started, detail: { shapes: ids.length } })
  }
}

/** Never enlarge a tiny sketch; shrink a big one to fit the card. Null for a page with no area. */
function cardScale(bounds: Box | undefined): number | null {
  if (!bounds || bounds.w <= 0 || bounds.h <= 0) return null
  return Math.min(1, THUMBNAIL_SIZE.width / bounds.w, THUMBNAIL_SIZE.height / bounds.h)
}

/** tldraw's own drawing of the shapes. */
async function drawnThumbnail(editor: Editor, ids: TLShapeId[]): Promise<Blob | null> {
  const scale = cardScale(editor.getShapesPageBounds(ids) ?? undefined)
  if (scale === null) return null
  const { blob } = await editor.toImage(ids, {
    format: 'png',
    background: true,
    darkMode: false,
    scale,
    pixelRatio: 1,
    padding: PADDING,
  })
  return blob
}

/**
 * Every shape's page bounds as an outlined box, framed as tldraw frames a drawn picture. The
 * bounds are read and the boxes drawn a chunk at a time, yielding between chunks.
 */
async function outlineThumbnail(editor: Editor, ids: TLShapeId[]): Promise<Blob | null> {
  const boxes: Box[] = []
  await inChunks(ids, (id) => {
    const box = editor.getShapePageBounds(id)
    if (box) boxes.push(box)
  })
  const bounds = boxes.length > 0 ? Box.Common(boxes) : undefined
  const scale = cardScale(bounds)
  if (!bounds || scale === null) return null
  const card = blankCard(Math.ceil(bounds.w * scale) + PADDING * 2, Math.ceil(bounds.h * scale) + PADDING * 2)
  if (!card) return null
  const { canvas, context } = card
  context.fillStyle = '#e8ebef'
  context.strokeStyle = '#1d1d1d'
  context.lineWidth = 1
  await inChunks(boxes, (box) => {
    const x = PADDING + (box.x - bounds.x) * scale
    const y = PADDING + (box.y - bounds.y) * scale
    const w = Math.max(1, box.w * scale)
    const h = Math.max(1, box.h * scale)
    context.fillRect(x, y, w, h)
    context.strokeRect(x, y, w, h)
  })
  return pngOf(canvas)
}

/** Calls `each` for every item, letting the browser run input, frames and other tasks between chunks. */
async function inChunks<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  for (let from = 0; from < items.length; from += OUTLINE_CHUNK) {
    if (from > 0) await new Promise((resolve) => setTimeout(resolve, 0))
    for (const item of items.slice(from, from + OUTLINE_CHUNK)) each(item)
  }
}

/** A plain card for a board whose page was emptied, so the home page stops showing what was deleted. */
export async function emptyBoardThumbnail(): Promise<Blob | null> {
  const card = blankCard(THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height)
  return card ? pngOf(card.canvas) : null
}

/** A canvas of the given size filled with the page's light background, or null without a 2D context. */
function blankCard(width: number, height: number) {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return null
  context.fillStyle = '#f9fafb'
  context.fillRect(0, 0, width, height)
  return { canvas, context }
}

function pngOf(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/png'))
}

/** A blob's bytes as base64 (no `data:` prefix), as the versions endpoint takes a thumbnail. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  // in slices: String.fromCharCode with a whole image as arguments overflows the stack
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  }
  return btoa(binary)
}
