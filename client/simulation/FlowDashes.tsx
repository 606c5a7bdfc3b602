import { useSyncExternalStore } from 'react'
import type { PlacedArrow } from './canvas-geometry'
import { FLOW_DASH, flowPeriodSeconds } from './flow-path'
import { FLOW_COLOR } from './health-style'

type FlowArrow = Pick<PlacedArrow, 'shapeId' | 'body' | 'transform' | 'label'>

/**
 * Traffic moving along arrows (in the overlay's page-space SVG): dashes whose speed follows each
 * arrow's rate against the busiest one, leaving the arrow's own label uncovered; still when the
 * arrow carries nothing, or when the person asked their system for less motion.
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
  /**
   * Hold the dashes still (while the camera moves: animated dashes repaint every frame, and a pan
   * should only move what is already painted).
   */
  still?: boolean
}) {
  const reducedMotion = usePrefersReducedMotion()
  const maxRate = Math.max(0, ...arrows.map((arrow) => rateOf(arrow) ?? 0))
  const period = (FLOW_DASH.dash + FLOW_DASH.gap) * px
  return (
    <>
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
      {arrows.map((arrow) => {
        const rate = rateOf(arrow)
        if (rate === undefined) return null
        const seconds = flowPeriodSeconds(rate, maxRate)
        const moving = seconds !== null && !reducedMotion && !still
        return (
          <g
            key={arrow.shapeId}
            transform={arrow.transform}
            className="sim-flow"
            data-testid="sim-flow"
            data-edge={edgeOf(arrow)}
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
              {moving && (
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
      })}
    </>
  )
}

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
