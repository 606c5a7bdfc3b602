/** Where the right dock sits on screen: the one place the canvas asks how much of it the dock hides. */

/** The dock, open or closed to its rail. */
const DOCK_SELECTOR = '[data-testid="dock"], [data-testid="dock-rail"]'

export interface CanvasCover {
  top: number
  right: number
  bottom: number
  left: number
}

/** A rectangle on screen, as `getBoundingClientRect` gives it. */
export interface ScreenRect {
  left: number
  top: number
  right: number
  bottom: number
  width: number
  height: number
}

export const NO_COVER: CanvasCover = { top: 0, right: 0, bottom: 0, left: 0 }

/**
 * How many pixels of `canvas` (a screen rectangle) the dock covers from each side. Zero when the
 * dock sits beside the canvas (wide screens); its width when it opens over the canvas, its height
 * when it is a sheet along the bottom. Measured, never assumed, so any dock size or placement works.
 */
export function dockCover(canvas: ScreenRect): CanvasCover {
  let cover = NO_COVER
  for (const element of document.querySelectorAll(DOCK_SELECTOR)) {
    cover = widest(cover, coverFrom(canvas, element.getBoundingClientRect()))
  }
  return cover
}

/**
 * What one element covers of `canvas`, as the strip along one side that holds it: the side that
 * gives up the least canvas (a tall panel on the right costs its width, a bar on top its height).
 */
export function coverFrom(canvas: ScreenRect, rect: ScreenRect): CanvasCover {
  const overlapX = Math.min(canvas.right, rect.right) - Math.max(canvas.left, rect.left)
  const overlapY = Math.min(canvas.bottom, rect.bottom) - Math.max(canvas.top, rect.top)
  if (overlapX <= 0 || overlapY <= 0) return NO_COVER
  const depth = coverDepths(canvas, rect)
  const lost = (side: keyof CanvasCover) =>
    depth[side] * (side === 'top' || side === 'bottom' ? canvas.width : canvas.height)
  const sides: Array<keyof CanvasCover> = ['right', 'bottom', 'top', 'left']
  const side = sides.reduce((best, s) => (lost(s) < lost(best) ? s : best))
  return { ...NO_COVER, [side]: Math.max(0, depth[side]) }
}

/** What `rect` covers of `canvas` counted from a known side (nothing when they do not meet). */
export function coverOnSide(canvas: ScreenRect, rect: ScreenRect, side: keyof CanvasCover): CanvasCover {
  const overlapX = Math.min(canvas.right, rect.right) - Math.max(canvas.left, rect.left)
  const overlapY = Math.min(canvas.bottom, rect.bottom) - Math.max(canvas.top, rect.top)
  if (overlapX <= 0 || overlapY <= 0) return NO_COVER
  return { ...NO_COVER, [side]: Math.max(0, coverDepths(canvas, rect)[side]) }
}

/** How deep into the canvas `rect` reaches, measured from each side. */
function coverDepths(canvas: ScreenRect, rect: ScreenRect): CanvasCover {
  return {
    top: rect.bottom - canvas.top,
    right: canvas.right - rect.left,
    bottom: canvas.bottom - rect.top,
    left: rect.right - canvas.left,
  }
}

/** The larger cover on each side. */
export function widest(a: CanvasCover, b: CanvasCover): CanvasCover {
  return {
    top: Math.max(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
    left: Math.max(a.left, b.left),
  }
}
