import { boxesOverlap, expandBox } from '../../shared/templates/geometry'

/** A rectangle in page units. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** One chip to place: its size and the top-left corners it may take, best first. */
export interface ChipRequest {
  key: string
  size: { w: number; h: number }
  candidates: ReadonlyArray<{ x: number; y: number }>
}

/** What chips must not cover: arrow labels (never) and boxes (rather not). */
export interface ChipObstacles {
  labels: readonly Rect[]
  boxes: readonly Rect[]
}

/** Room kept between a chip and whatever it sits beside. */
const CLEARANCE = 2

/**
 * Puts each chip, in order, at its first candidate that covers no arrow label, no chip placed
 * before it and no box; failing that, the first that covers no label or chip; failing that, its
 * first candidate. Pure, so every screen places the same chips the same way at the same zoom.
 */
export function placeChips(requests: readonly ChipRequest[], obstacles: ChipObstacles): Map<string, Rect> {
  const placed = new Map<string, Rect>()
  const covers = (rect: Rect, others: Iterable<Rect>) => {
    const grown = expandBox(rect, CLEARANCE)
    for (const other of others) if (boxesOverlap(grown, other)) return true
    return false
  }
  for (const { key, size, candidates } of requests) {
    const rects = candidates.map((at) => ({ ...at, ...size }))
    const clearOfText = rects.filter(
      (rect) => !covers(rect, obstacles.labels) && !covers(rect, placed.values()),
    )
    const chosen = clearOfText.find((rect) => !covers(rect, obstacles.boxes)) ?? clearOfText[0] ?? rects[0]
    if (chosen) placed.set(key, chosen)
  }
  return placed
}

/**
 * Where a box's status chips may go, best first: centred under the box, then under its left or
 * right edge, above it, beside it, and a row further down. `gap` is the distance from the box.
 */
export function boxChipCandidates(box: Rect, size: { w: number; h: number }, gap: number) {
  const cx = box.x + box.w / 2 - size.w / 2
  const below = box.y + box.h + gap
  const above = box.y - gap - size.h
  const left = box.x
  const right = box.x + box.w - size.w
  const middle = box.y + box.h / 2 - size.h / 2
  return [
    { x: cx, y: below },
    { x: left, y: below },
    { x: right, y: below },
    { x: cx, y: above },
    { x: left, y: above },
    { x: right, y: above },
    { x: box.x + box.w + gap, y: middle },
    { x: box.x - gap - size.w, y: middle },
    { x: cx, y: below + size.h + gap / 2 },
  ]
}

/**
 * Where an arrow's flow chip may go, best first: under the arrow's label, above it or beside it;
 * an arrow without a label offers points along its body (centred there), middle first.
 */
export function flowChipCandidates(
  label: Rect | null,
  along: ReadonlyArray<{ x: number; y: number }>,
  size: { w: number; h: number },
  gap: number,
) {
  if (!label) return along.map((p) => ({ x: p.x - size.w / 2, y: p.y - size.h / 2 }))
  const cx = label.x + label.w / 2 - size.w / 2
  const middle = label.y + label.h / 2 - size.h / 2
  return [
    { x: cx, y: label.y + label.h + gap },
    { x: cx, y: label.y - gap - size.h },
    { x: label.x + label.w + gap, y: middle },
    { x: label.x - gap - size.w, y: middle },
    ...along.map((p) => ({ x: p.x - size.w / 2, y: p.y - size.h / 2 })),
  ]
}
