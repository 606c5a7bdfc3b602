import { memo, useSyncExternalStore } from 'react'
import type { PlacedArrow } from './canvas-geometry'
import { FLOW_DASH, flowPeriodSeconds } from './flow-path'
import { FLOW_COLOR } from './health-style'

type FlowArrow = Pick<PlacedArrow, 'shapeId' | 'body' | 'transform' | 'label'>

/**
 * Traffic moving along arrows (in the overlay's page-space SVG): dashes whose speed follows each
 * arrow's rate against the busiest one, leaving the arrow's own label uncovered; still when the
 * arrow carries nothing, or when the person asked their system for less motion. Each arrow is its
 * own memoised element, so a tick re-renders only the arrows whose pace changed.
 */
export function FlowDashes<A extends FlowArrow>({
  arrows,
  rateOf,
  edgeOf,
  px,
  still = false,
}: {
  arrows: readonly A[]
  /** The arrow's requests per second now; undefined draws nothing for it. */
  rateOf: (arrow: A) => number | undefined
  /** What `data-edge` names the arrow by. */
  edgeOf: (arrow: A) => string
  /** One screen pixel in page units (1 / zoom). */
  px: number
  /** The run is paused: the dashes stay where they are, so the canvas looks as paused as the panel. */
  still?: boolean
}) {
  const reducedMotion = usePrefersReducedMotion() || still
  const maxRate = Math.max(0, ...arrows.map((arrow) => rateOf(arrow) ?? 0))
  return (
    <>
      <FlowMasks arrows={arrows} />
      <g className="sim-flows">
        {arrows.map((arrow) => {
          const rate = rateOf(arrow)
          if (rate === undefined) return null
          return (
            <FlowDash
              key={arrow.shapeId}
              arrow={arrow}
              edge={edgeOf(arrow)}
              seconds={flowPeriodSeconds(rate, maxRate)}
              reducedMotion={reducedMotion}
              px={px}
            />
          )
        })}
      </g>
    </>
  )
}

/** Each labelled arrow's mask, which keeps the dashes off its label; redrawn only when the arrows are. */
const FlowMasks = memo(function FlowMasks({ arrows }: { arrows: readonly FlowArrow[] }) {
  return (
    <defs>
      {arrows.map(
        (arrow) =>
          arrow.label && (
            <mask
              key={arrow.shapeId}
              id={maskId(arrow.shapeId)}
              maskUnits="userSpaceOnUse"
              x={-1e6}
              y={-1e6}
              width={2e6}
              height={2e6}
            >
              <rect x={-1e6} y={-1e6} width={2e6} height={2e6} fill="white" />
              <rect
                x={arrow.label.x - 4}
                y={arrow.label.y - 2}
                width={arrow.label.w + 8}
                height={arrow.label.h + 4}
                rx={4}
                fill="black"
              />
            </mask>
          ),
      )}
    </defs>
  )
})

/** One arrow's dashes; `seconds` is one dash period's duration, null when nothing flows. */
const FlowDash = memo(function FlowDash({
  arrow,
  edge,
  seconds,
  reducedMotion,
  px,
}: {
  arrow: FlowArrow
  edge: string
  seconds: number | null
  reducedMotion: boolean
  px: number
}) {
  const period = (FLOW_DASH.dash + FLOW_DASH.gap) * px
  return (
    <g
      transform={arrow.transform}
      className="sim-flow"
      data-testid="sim-flow"
      data-edge={edge}
      data-moving={seconds !== null}
      mask={arrow.label ? `url(#${maskId(arrow.shapeId)})` : undefined}
    >
      <path
        d={arrow.body.d}
        className={seconds === null ? 'sim-flow__dash sim-flow__dash--still' : 'sim-flow__dash'}
        stroke={FLOW_COLOR}
        strokeWidth={4 * px}
        strokeDasharray={`${FLOW_DASH.dash * px} ${FLOW_DASH.gap * px}`}
      >
        {seconds !== null && !reducedMotion && (
          // dashes and their speed are in screen pixels, so the flow looks the same at any zoom
          <animate
            attributeName="stroke-dashoffset"
            values={`0;${-period}`}
            dur={`${seconds}s`}
            repeatCount="indefinite"
          />
        )}
      </path>
    </g>
  )
})

/** A mask id safe for `url(#…)`: shape ids contain a colon. */
function maskId(shapeId: string): string {
  return `sim-mask-${shapeId.replace(/[^A-Za-z0-9_-]/g, '_')}`
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)'

/** Whether this person asked their system for less motion: then the flow dashes stand still. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(REDUCED_MOTION)
      query.addEventListener('change', onChange)
      return () => query.removeEventListener('change', onChange)
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  )
}
