import { boxChipCandidates, type ChipObstacles, placeChips, type Rect } from './chip-placement'

/**
 * The widest words a box's chips show: busy share and queue depth, and the error share while the
 * box has errors. Each box is given room for these, so its chips keep their place while its figures
 * change tick by tick (they move only when the box starts or stops failing, or the diagram moves).
 */
export const WIDEST_DRAWN_CHIPS = ['100% busy', 'queue 9,999'] as const
export const WIDEST_ERRORS_CHIP = '100% errors'

/** A box's chips sit this many screen pixels from it. */
const GAP_PX = 12

/**
 * Where each box's chips go (keyed by box id), in the run's order: centred under the box when there
 * is room, otherwise beside, above or further down, clear of arrow labels, of other boxes' chips
 * and, where possible, of other boxes. `rowOf` is the room one box's chips take on screen (CSS
 * pixels), `scale` the chips' size factor on the page and `px` one screen pixel in page units.
 */
export function layOutDrawnChips(
  boxes: readonly (Rect & { id: string })[],
  obstacles: ChipObstacles,
  rowOf: (id: string) => { w: number; h: number },
  scale: number,
  px: number,
): Map<string, Rect> {
  return placeChips(
    boxes.map((box) => {
      const row = rowOf(box.id)
      const size = { w: row.w * scale, h: row.h * scale }
      return { key: box.id, size, candidates: boxChipCandidates(box, size, GAP_PX * px) }
    }),
    obstacles,
  )
}
