import { describe, expect, it } from 'vitest'
import { centerBesideContent, PLACEMENT_GAP } from '../../client/board/free-space'
import { coverFrom, type ScreenRect } from '../../client/dock/dock-geometry'
import { boxesOverlap } from '../../shared/templates/geometry'

const rect = (left: number, top: number, width: number, height: number): ScreenRect => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
})

describe('placing a template beside the content', () => {
  const size = { w: 3000, h: 900 }
  it('goes to the centre of the view on an empty page', () => {
    expect(centerBesideContent(null, size, { x: 10, y: 20 })).toEqual({ x: 10, y: 20 })
  })
  it('lands right of everything already there, top-aligned, without touching it', () => {
    const content = { x: -1500, y: -400, w: 3100, h: 1000 }
    const center = centerBesideContent(content, size, { x: 0, y: 0 })
    const placed = { x: center.x - size.w / 2, y: center.y - size.h / 2, ...size }
    expect(boxesOverlap(placed, content)).toBe(false)
    expect(placed.x).toBe(content.x + content.w + PLACEMENT_GAP)
    expect(placed.y).toBe(content.y)
  })
})

describe('what the dock covers of the canvas', () => {
  const canvas = rect(0, 0, 700, 800)
  it('covers nothing when it sits beside the canvas', () => {
    expect(coverFrom(canvas, rect(700, 0, 372, 800))).toEqual({ top: 0, right: 0, bottom: 0, left: 0 })
  })
  it('covers its width on the right when it opens over the canvas', () => {
    expect(coverFrom(canvas, rect(328, 0, 372, 800)).right).toBe(372)
  })
  it('covers its height at the bottom when it is a sheet', () => {
    expect(coverFrom(canvas, rect(0, 500, 700, 300))).toEqual({ top: 0, right: 0, bottom: 300, left: 0 })
  })
  it('counts a bar along the top by its height, not its width', () => {
    expect(coverFrom(canvas, rect(0, 0, 420, 52))).toEqual({ top: 52, right: 0, bottom: 0, left: 0 })
  })
})
