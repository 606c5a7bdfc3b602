/** Where a new diagram goes on a page that already has content: beside it, never on top of it. */

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** The gap between what is on the page and a diagram placed beside it, in page units. */
export const PLACEMENT_GAP = 240

/**
 * The centre for a `size` diagram: on an empty page, `viewCenter`; otherwise just right of
 * everything already there, its top level with the content's top (as Miro and FigJam place a
 * template), so nothing it brings lands on someone's drawing.
 */
export function centerBesideContent(
  content: Rect | null,
  size: { w: number; h: number },
  viewCenter: { x: number; y: number },
): { x: number; y: number } {
  if (!content) return viewCenter
  return { x: content.x + content.w + PLACEMENT_GAP + size.w / 2, y: content.y + size.h / 2 }
}
