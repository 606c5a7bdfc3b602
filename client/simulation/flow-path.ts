/** A point as tldraw's arrow info gives it. */
interface Point {
  x: number
  y: number
}

/** The parts of tldraw's `TLArrowInfo` the flow dashes follow (the arrow's body, in arrow space). */
export type ArrowBody =
  | { type: 'straight'; start: { point: Point }; end: { point: Point } }
  | {
      type: 'arc'
      start: { point: Point }
      end: { point: Point }
      middle: Point
      bodyArc: { radius: number; largeArcFlag: number; sweepFlag: number; length: number }
    }
  | { type: 'elbow'; start: { point: Point }; end: { point: Point }; route: { points: readonly Point[] } }

/** An arrow's body as an SVG path, its length and its middle, all in the arrow's own space. */
export interface BodyPath {
  d: string
  length: number
  middle: Point
}

const r = (n: number) => Math.round(n * 100) / 100
const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y)

/** The path tldraw draws for an arrow's body (straight, arc or elbow); null for a degenerate arrow. */
export function arrowBodyPath(info: ArrowBody): BodyPath | null {
  const { start, end } = info
  switch (info.type) {
    case 'straight': {
      const length = distance(start.point, end.point)
      if (length < 1) return null
      return {
        d: `M${r(start.point.x)} ${r(start.point.y)} L${r(end.point.x)} ${r(end.point.y)}`,
        length,
        middle: { x: (start.point.x + end.point.x) / 2, y: (start.point.y + end.point.y) / 2 },
      }
    }
    case 'arc': {
      const { radius, largeArcFlag, sweepFlag, length } = info.bodyArc
      if (!(length >= 1) || !Number.isFinite(radius)) return null
      return {
        d: `M${r(start.point.x)} ${r(start.point.y)} A${r(radius)} ${r(radius)} 0 ${largeArcFlag} ${sweepFlag} ${r(end.point.x)} ${r(end.point.y)}`,
        length,
        middle: info.middle,
      }
    }
    case 'elbow': {
      const points = info.route.points
      if (points.length < 2) return null
      let length = 0
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1]
        const b = points[i]
        if (a && b) length += distance(a, b)
      }
      if (length < 1) return null
      return {
        d: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)} ${r(p.y)}`).join(' '),
        length,
        middle: pointAlong(points, length / 2),
      }
    }
  }
}

/** The point `at` units along a polyline. */
function pointAlong(points: readonly Point[], at: number): Point {
  let left = at
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]
    const b = points[i]
    if (!a || !b) continue
    const segment = distance(a, b)
    if (segment > 0 && left <= segment) {
      const t = left / segment
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }
    }
    left -= segment
  }
  return points[points.length - 1] ?? { x: 0, y: 0 }
}

/** Flow dashes: a short dash and a gap, in page units; one period is what one animation cycle moves. */
export const FLOW_DASH = { dash: 7, gap: 13 } as const
const FLOW_PERIOD = FLOW_DASH.dash + FLOW_DASH.gap
/** Page units per second along the busiest edge of the view, and the least any moving edge gets. */
const FASTEST = 120
const SLOWEST = 14

/**
 * How long one dash period takes (seconds) on an edge carrying `rate`, when the busiest edge in the
 * view carries `maxRate`: speed is proportional to rate, with a floor so a trickle still visibly
 * moves. Null when nothing flows: those dashes stand still.
 */
export function flowPeriodSeconds(rate: number, maxRate: number): number | null {
  if (!(rate > 0) || !(maxRate > 0)) return null
  const speed = Math.max(SLOWEST, (FASTEST * Math.min(rate, maxRate)) / maxRate)
  return Math.round((FLOW_PERIOD / speed) * 1000) / 1000
}
