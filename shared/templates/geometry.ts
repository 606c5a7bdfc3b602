/** Plain page geometry shared by the layout, the arrow planner and the tests that check them. */

export interface Point {
  x: number
  y: number
}

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Whether the segment a→b passes through the inside of `box` (touching its outline does not count). */
export function segmentCrossesBox(a: Point, b: Point, box: Box, margin = 1): boolean {
  const x0 = box.x + margin
  const x1 = box.x + box.w - margin
  const y0 = box.y + margin
  const y1 = box.y + box.h - margin
  if (x0 >= x1 || y0 >= y1) return false
  // Liang–Barsky clipping: the segment crosses when some part of it survives the four edges
  let t0 = 0
  let t1 = 1
  const dx = b.x - a.x
  const dy = b.y - a.y
  const edges: Array<[number, number]> = [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false
      continue
    }
    const t = q / p
    if (p < 0) {
      if (t > t1) return false
      t0 = Math.max(t0, t)
    } else {
      if (t < t0) return false
      t1 = Math.min(t1, t)
    }
  }
  return t0 < t1
}

/** Whether any segment of the polyline passes through `box`. */
export function pathCrossesBox(path: readonly Point[], box: Box, margin = 1): boolean {
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]
    const b = path[i]
    if (a && b && segmentCrossesBox(a, b, box, margin)) return true
  }
  return false
}

/** Whether two boxes share some area (edges touching do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** `box` grown by `by` on every side. */
export function expandBox(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, w: box.w + 2 * by, h: box.h + 2 * by }
}

export const boxCenter = (box: Box): Point => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

/** The length of a polyline. */
export function pathLength(path: readonly Point[]): number {
  let length = 0
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]
    const b = path[i]
    if (a && b) length += Math.hypot(b.x - a.x, b.y - a.y)
  }
  return length
}

/** The point at `t` (0…1) of the way along a polyline. */
export function pointAlong(path: readonly Point[], t: number): Point {
  let left = pathLength(path) * Math.min(Math.max(t, 0), 1)
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as Point
    const b = path[i] as Point
    const length = Math.hypot(b.x - a.x, b.y - a.y)
    if (left <= length && length > 0) {
      const f = left / length
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f }
    }
    left -= length
  }
  return path[path.length - 1] ?? { x: 0, y: 0 }
}

/**
 * The circular arc tldraw draws for an arc arrow between `a` and `b` with `bend` (its middle is
 * `bend` page units off the chord, to the chord's left for a positive bend), as a polyline.
 */
export function arcPath(a: Point, b: Point, bend: number, steps = 24): Point[] {
  const length = Math.hypot(b.x - a.x, b.y - a.y)
  if (Math.abs(bend) < 1 || length === 0) return [a, b]
  const ux = (b.x - a.x) / length
  const uy = (b.y - a.y) / length
  // tldraw: middle = chord midpoint + per(u) × −bend, with per(u) = (u.y, −u.x)
  const middle = { x: (a.x + b.x) / 2 - uy * bend, y: (a.y + b.y) / 2 + ux * bend }
  const center = circumcenter(a, middle, b)
  if (!center) return [a, b]
  const radius = Math.hypot(a.x - center.x, a.y - center.y)
  const angle = (p: Point) => Math.atan2(p.y - center.y, p.x - center.x)
  const start = angle(a)
  let sweep = angle(b) - start
  const towardsMiddle = angle(middle) - start
  // go the way round that passes the middle point
  const normalise = (v: number) => ((v % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)
  const ccw = normalise(towardsMiddle) < normalise(sweep)
  sweep = ccw ? normalise(sweep) : normalise(sweep) - 2 * Math.PI
  const points: Point[] = []
  for (let i = 0; i <= steps; i++) {
    const theta = start + (sweep * i) / steps
    points.push({ x: center.x + radius * Math.cos(theta), y: center.y + radius * Math.sin(theta) })
  }
  return points
}

function circumcenter(a: Point, b: Point, c: Point): Point | null {
  const d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y))
  if (Math.abs(d) < 1e-9) return null
  const a2 = a.x * a.x + a.y * a.y
  const b2 = b.x * b.x + b.y * b.y
  const c2 = c.x * c.x + c.y * c.y
  return {
    x: (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d,
    y: (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d,
  }
}
