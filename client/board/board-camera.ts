import type { Box, Editor } from 'tldraw'

/** Shows everything on the current page, never zooming in past 100 %. */
export function zoomToContent(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds()
  // a wide margin keeps the content clear of tldraw's style panel on the right
  const inset = Math.min(320, editor.getViewportScreenBounds().width * 0.28)
  if (bounds) editor.zoomToBounds(bounds, { targetZoom: 1, inset })
}

/** Zooms out (never in) just enough to show `bounds` when part of it is outside the view. */
export function bringIntoView(editor: Editor, bounds: Box): void {
  if (editor.getViewportPageBounds().contains(bounds)) return
  editor.zoomToBounds(bounds, { targetZoom: editor.getZoomLevel(), animation: { duration: 220 } })
}
