import type { Editor } from 'tldraw'
import { type CanvasCover, coverFrom, dockCover, widest } from '../dock/dock-geometry'

/** tldraw's own panels that sit over the canvas: menu and our bar on top, style panel, toolbar. */
const PANEL_SELECTORS = [
  '.tlui-layout__top__left',
  '.board-bar',
  '.tlui-style-panel',
  '.tlui-layout__bottom__main',
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
  for (const selector of PANEL_SELECTORS) {
    for (const element of editor.getContainer().querySelectorAll(selector)) {
      cover = widest(cover, coverFrom(canvas, element.getBoundingClientRect()))
    }
  }
  const x = cover.left + MARGIN
  const y = cover.top + MARGIN
  const w = Math.max(canvas.width - cover.left - cover.right - 2 * MARGIN, canvas.width / 3)
  const h = Math.max(canvas.height - cover.top - cover.bottom - 2 * MARGIN, canvas.height / 3)
  return { x, y, w, h }
}
