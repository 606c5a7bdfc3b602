import { describe, expect, it } from 'vitest'
import { layOutDrawnChips } from '../../client/simulation/drawn-chip-layout'
import { boxesOverlap } from '../../shared/templates/geometry'

/** The room three chips take on screen at scale 1 (CSS pixels). */
const row = () => ({ w: 230, h: 18 })
const box = (id: string, x: number, y = 0) => ({ id, x, y, w: 120, h: 60 })
const nothing = { labels: [], boxes: [] }

describe("laying out a drawn run's chips", () => {
  it('centres a lone box’s chips under it, 12 screen pixels down', () => {
    const chips = layOutDrawnChips([box('a', 0)], nothing, row, 1, 1)
    expect(chips.get('a')).toEqual({ x: 60 - 115, y: 72, w: 230, h: 18 })
  })

  it('keeps the chips of boxes drawn 40 px apart from covering each other, or the boxes', () => {
    const boxes = [box('a', 0), box('b', 160), box('c', 320)]
    const chips = layOutDrawnChips(boxes, { labels: [], boxes }, row, 1, 1)
    const rects = boxes.flatMap((b) => chips.get(b.id) ?? [])
    expect(rects).toHaveLength(3)
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) expect(boxesOverlap(a, b)).toBe(false)
      for (const other of boxes) expect(boxesOverlap(a, other)).toBe(false)
    }
  })

  it('scales the room with the chips and the gap with the zoom', () => {
    // zoomed out to 0.5: one screen pixel is 2 page units, the chips drawn 2× as large on the page
    const chips = layOutDrawnChips([box('a', 0)], nothing, row, 2, 2)
    expect(chips.get('a')).toEqual({ x: 60 - 230, y: 60 + 24, w: 460, h: 36 })
  })

  it('gives a failing box room for its error chip too', () => {
    const rowOf = (id: string) => ({ w: id === 'a' ? 300 : 200, h: 18 })
    const chips = layOutDrawnChips([box('a', 0), box('b', 400)], nothing, rowOf, 1, 1)
    expect([chips.get('a')?.w, chips.get('b')?.w]).toEqual([300, 200])
  })
})
