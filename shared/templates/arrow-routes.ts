import {
  arcPath,
  type Box,
  boxCenter,
  boxesOverlap,
  expandBox,
  type Point,
  pathCrossesBox,
  pathLength,
  pointAlong,
} from './geometry'

/**
 * How one template arrow is drawn in tldraw, and the path that drawing takes on the page.
 * `elbow`: tldraw's elbow arrow leaving `from` and entering `to` at exact anchors (0…1 in each box),
 * its middle segment `midpoint` of the way across the gap. `arc`: a bound arrow with this `bend`.
 */
export type ArrowPlan =
  | {
      kind: 'elbow'
      startAnchor: Point
      endAnchor: Point
      midpoint: number
      labelPosition: number
      path: Point[]
    }
  | { kind: 'arc'; bend: number; labelPosition: number; path: Point[] }

/** tldraw's elbow leg for size-`s` arrows: the middle segment stays this far from both boxes. */
export const ELBOW_LEG = 28
/** tldraw draws no middle segment when the boxes are closer than two minimal legs. */
const MIN_ELBOW_GAP = 12
/** Arrows keep this far from boxes they do not connect, so strokes never touch them. */
const CLEARANCE = 8

/** Enough alternatives for the labels to find room; more only costs start-up time. */
const MAX_OPTIONS = 48
const ANCHORS = [0.5, 0.3, 0.7, 0.15, 0.85]
const MIDPOINTS = [0.5, 0.25, 0.75, 0.1, 0.9, 0, 1, 0.4, 0.6]
const BENDS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40].flatMap((k) =>
  k === 0 ? [0] : [k * 60, -k * 60],
)

export interface ArrowRequest {
  from: Box
  to: Box
  /** The route ELK computed (page coordinates), if any. */
  route: readonly Point[] | undefined
  /** Where ELK put the arrow's label, if it has one. */
  labelCenter: Point | undefined
  /** Every box the arrow must not cross (the boxes it connects are left out by the caller). */
  obstacles: readonly Box[]
  direction: 'right' | 'down'
}

/**
 * The drawing of one arrow: ELK's own route when tldraw's elbow arrow can follow it, else the first
 * elbow or arc that crosses no other box. Pure and deterministic, so every client draws the same.
 */
export function planArrow(request: ArrowRequest): ArrowPlan {
  return arrowOptions(request)[0] as ArrowPlan
}

/**
 * Every drawing of one arrow that crosses no other box, best first (ELK's own route, then elbows,
 * then arcs); when none is clear, only the best guess.
 */
export function arrowOptions(request: ArrowRequest): ArrowPlan[] {
  const clear = (path: Point[]) =>
    !request.obstacles.some((box) => pathCrossesBox(path, expandBox(box, CLEARANCE)))
  const elbows = elbowCandidates(request)
  const options: ArrowPlan[] = []
  for (const plan of elbows) {
    if (options.length >= MAX_OPTIONS) return options
    if (clear(plan.path)) options.push(plan)
  }
  for (const bend of BENDS) {
    if (options.length >= MAX_OPTIONS) return options
    const plan = arcPlan(request, bend)
    if (clear(plan.path)) options.push(plan)
  }
  return options.length > 0 ? options : [elbows[0] ?? arcPlan(request, 0)]
}

/** Swaps x and y for top-to-bottom layouts, so the planner always thinks left to right. */
const flip = (p: Point, down: boolean): Point => (down ? { x: p.y, y: p.x } : p)
const flipBox = (b: Box, down: boolean): Box => (down ? { x: b.y, y: b.x, w: b.h, h: b.w } : b)

function elbowCandidates(request: ArrowRequest): ArrowPlan[] {
  const down = request.direction === 'down'
  const from = flipBox(request.from, down)
  const to = flipBox(request.to, down)
  const gap = to.x - (from.x + from.w)
  if (gap <= MIN_ELBOW_GAP) return []
  const lo = from.x + from.w + ELBOW_LEG
  const hi = to.x - ELBOW_LEG
  const build = (fa: number, fb: number, t: number): ArrowPlan => {
    const start = { x: from.x + from.w, y: from.y + fa * from.h }
    const end = { x: to.x, y: to.y + fb * to.h }
    const mx = lo + (hi - lo) * t
    const path = [start, { x: mx, y: start.y }, { x: mx, y: end.y }, end].map((p) => flip(p, down))
    return {
      kind: 'elbow',
      startAnchor: flip({ x: 1, y: fa }, down),
      endAnchor: flip({ x: 0, y: fb }, down),
      midpoint: t,
      labelPosition: labelPositionOn(path, request.labelCenter),
      path,
    }
  }
  const candidates: ArrowPlan[] = []
  const elk = elkElbow(request, from, to, lo, hi)
  if (elk) candidates.push(build(elk.fa, elk.fb, elk.t))
  for (const fa of ANCHORS)
    for (const fb of ANCHORS) for (const t of MIDPOINTS) candidates.push(build(fa, fb, t))
  return candidates
}

/** ELK's route as elbow parameters, when it is a straight line or one step (out, across, in). */
function elkElbow(
  request: ArrowRequest,
  from: Box,
  to: Box,
  lo: number,
  hi: number,
): { fa: number; fb: number; t: number } | null {
  const route = request.route?.map((p) => flip(p, request.direction === 'down'))
  if (!route || (route.length !== 2 && route.length !== 4)) return null
  const start = route[0] as Point
  const end = route[route.length - 1] as Point
  if (Math.abs(start.x - (from.x + from.w)) > 1 || Math.abs(end.x - to.x) > 1) return null
  const middle = route.length === 4 ? (route[1] as Point) : null
  if (middle && (middle.y !== start.y || (route[2] as Point).y !== end.y)) return null
  const inside = (v: number) => Math.min(Math.max(v, 0.1), 0.9)
  const t = middle && hi > lo ? Math.min(Math.max((middle.x - lo) / (hi - lo), 0), 1) : 0.5
  return { fa: inside((start.y - from.y) / from.h), fb: inside((end.y - to.y) / to.h), t }
}

function arcPlan(request: ArrowRequest, bend: number): ArrowPlan {
  const arc = arcPath(boxCenter(request.from), boxCenter(request.to), bend, 48)
  // tldraw clips the arc where it leaves and enters the boxes; its label sits on what is left
  const outside = (p: Point) => !isInside(p, request.from) && !isInside(p, request.to)
  const visible = arc.filter(outside)
  const path = visible.length >= 2 ? visible : arc
  return { kind: 'arc', bend, labelPosition: 0.5, path }
}

const isInside = (p: Point, b: Box) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h

/** How far along `path` (0…1) the point nearest ELK's label lies; the middle when there is none. */
function labelPositionOn(path: Point[], label: Point | undefined): number {
  if (!label) return 0.5
  const total = pathLength(path)
  if (total === 0) return 0.5
  let best = { distance: Number.POSITIVE_INFINITY, at: 0.5 }
  let walked = 0
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as Point
    const b = path[i] as Point
    const length = Math.hypot(b.x - a.x, b.y - a.y)
    const f =
      length === 0
        ? 0
        : Math.min(
            Math.max(((label.x - a.x) * (b.x - a.x) + (label.y - a.y) * (b.y - a.y)) / length ** 2, 0),
            1,
          )
    const p = { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f }
    const distance = Math.hypot(label.x - p.x, label.y - p.y)
    if (distance < best.distance) best = { distance, at: (walked + f * length) / total }
    walked += length
  }
  return Math.min(Math.max(best.at, 0.1), 0.9)
}

/** A generous estimate of a size-`s` tldraw arrow label's box (18 px sans, with its padding) centred at `at`. */
export function arrowLabelBox(text: string, at: Point): Box {
  const w = text.length * 10 + 16
  const h = 34
  return { x: at.x - w / 2, y: at.y - h / 2, w, h }
}

/** Room kept between a label and anything else: tldraw's label sits a little off our estimate. */
const LABEL_GAP = 12
const LABEL_POSITIONS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]

/**
 * Slides each label along its arrow (or, failing that, takes the arrow's next clear drawing) until
 * it covers no box and no label placed before it, in the order given. A label with no free spot
 * anywhere keeps its first drawing and the position ELK suggested.
 */
export function placeLabels(
  labelled: ReadonlyArray<{ text: string; options: readonly ArrowPlan[] }>,
  boxes: readonly Box[],
): ArrowPlan[] {
  const placed: Box[] = []
  return labelled.map(({ text, options }) => {
    const first = options[0] as ArrowPlan
    let chosen: ArrowPlan | null = null
    for (const plan of options) {
      const free = [plan.labelPosition, ...LABEL_POSITIONS].find((t) => {
        const box = expandBox(arrowLabelBox(text, pointAlong(plan.path, t)), LABEL_GAP)
        return !boxes.some((b) => boxesOverlap(b, box)) && !placed.some((b) => boxesOverlap(b, box))
      })
      if (free !== undefined) {
        chosen = { ...plan, labelPosition: free }
        break
      }
    }
    const result = chosen ?? first
    placed.push(arrowLabelBox(text, pointAlong(result.path, result.labelPosition)))
    return result
  })
}
