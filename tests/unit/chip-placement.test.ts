import { describe, expect, it } from 'vitest'
import { boxChipCandidates, placeChips } from '../../client/simulation/chip-placement'
import { boxesOverlap } from '../../shared/templates/geometry'

const size = { w: 60, h: 18 }
const box = { x: 0, y: 0, w: 160, h: 60 }

describe('placing simulation chips', () => {
  it('puts a box’s chips centred under it when nothing is there', () => {
    const placed = placeChips([{ key: 'a', size, candidates: boxChipCandidates(box, size, 12) }], {
      labels: [],
      boxes: [],
    })
    expect(placed.get('a')).toEqual({ x: 50, y: 72, ...size })
  })

  it('moves a chip off an arrow label and off a chip placed before it', () => {
    const label = { x: 40, y: 70, w: 80, h: 20 } // right under the box's centre
    const first = placeChips([{ key: 'a', size, candidates: boxChipCandidates(box, size, 12) }], {
      labels: [label],
      boxes: [],
    })
    const a = first.get('a')
    if (!a) throw new Error('no place for a')
    expect(boxesOverlap(a, label)).toBe(false)
    const both = placeChips(
      [
        { key: 'a', size, candidates: boxChipCandidates(box, size, 12) },
        { key: 'b', size, candidates: boxChipCandidates(box, size, 12) },
      ],
      { labels: [label], boxes: [] },
    )
    const [pa, pb] = [both.get('a'), both.get('b')]
    if (!pa || !pb) throw new Error('a chip has no place')
    expect(boxesOverlap(pa, pb)).toBe(false)
    expect(boxesOverlap(pb, label)).toBe(false)
  })

  it('prefers a place clear of boxes, and takes its first choice when every place is taken', () => {
    const below = { x: -500, y: 60, w: 1200, h: 100 } // a box all along the underside
    const clear = placeChips([{ key: 'a', size, candidates: boxChipCandidates(box, size, 12) }], {
      labels: [],
      boxes: [below],
    })
    expect(clear.get('a')?.y).toBe(-12 - size.h) // above the box instead
    const everywhere = { x: -1000, y: -1000, w: 3000, h: 3000 }
    const stuck = placeChips([{ key: 'a', size, candidates: boxChipCandidates(box, size, 12) }], {
      labels: [everywhere],
      boxes: [],
    })
    expect(stuck.get('a')).toEqual({ x: 50, y: 72, ...size })
  })
})
