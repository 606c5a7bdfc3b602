import type { Editor } from 'tldraw'

/** Size of a board's thumbnail: about a card's width on the home page. */
export const THUMBNAIL_SIZE = { width: 320, height: 220 } as const

/**
 * A small PNG of everything on the current page (light mode, with the page background), or null
 * when the page is empty or the browser could not draw it.
 */
export async function pageThumbnail(editor: Editor): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()]
  const bounds = editor.getShapesPageBounds(ids)
  if (ids.length === 0 || !bounds || bounds.w <= 0 || bounds.h <= 0) return null
  // never enlarge a tiny sketch; shrink a big one to fit the card
  const scale = Math.min(1, THUMBNAIL_SIZE.width / bounds.w, THUMBNAIL_SIZE.height / bounds.h)
  try {
    const { blob } = await editor.toImage(ids, {
      format: 'png',
      background: true,
      darkMode: false,
      scale,
      pixelRatio: 1,
      padding: 12,
    })
    return blob
  } catch (error) {
    console.warn('Lockstep: the board thumbnail could not be drawn', error)
    return null
  }
}

/** A plain card for a board whose page was emptied, so the home page stops showing what was deleted. */
export async function emptyBoardThumbnail(): Promise<Blob | null> {
  const canvas = document.createElement('canvas')
  canvas.width = THUMBNAIL_SIZE.width
  canvas.height = THUMBNAIL_SIZE.height
  const context = canvas.getContext('2d')
  if (!context) return null
  context.fillStyle = '#f9fafb'
  context.fillRect(0, 0, canvas.width, canvas.height)
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
