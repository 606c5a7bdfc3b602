import type { Editor } from 'tldraw'
import { type CanvasCover, coverOnSide, dockCover, widest } from '../dock/dock-geometry'

/** Panels that sit over the canvas and the side each one takes from it. */
const PANELS: ReadonlyArray<{ selector: string; side: keyof CanvasCover }> = [
  { selector: '.tlui-menu-zone', side: 'top' },
  { selector: '.board-bar', side: 'top' },
  { selector: '.tlui-style-panel', side: 'right' },
  { selector: '.tlui-main-toolbar', side: 'bottom' },
  { selector: '.tlui-navigation-panel', side: 'bottom' },
]
/** Breathing room between shapes and whatever frames the free area. */
const MARGIN = 16

export interface ScreenArea {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The part of the canvas, in viewport pixels, that no panel covers: the right dock when it opens
 * over the canvas, tldraw's menus, style panel and toolbar. Cameras aim shapes into this area.
 */
export function freeViewport(editor: Editor): ScreenArea {
  const canvas = editor.getContainer().getBoundingClientRect()
  let cover: CanvasCover = dockCover(canvas)
  for (const { selector, side } of PANELS) {
    for (const element of editor.getContainer().querySelectorAll(selector)) {
      cover = widest(cover, coverOnSide(canvas, element.getBoundingClientRect(), side))
    }
  }
  const x = cover.left + MARGIN
  const y = cover.top + MARGIN
  const w = Math.max(canvas.width - cover.left - cover.right - 2 * MARGIN, canvas.width / 3)
  const h = Math.max(canvas.height - cover.top - cover.bottom - 2 * MARGIN, canvas.height / 3)
  return { x, y, w, h }
}
