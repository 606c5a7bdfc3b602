import type { PlacedArrow } from './canvas-geometry'
import { HEALTH_COLOR } from './health-style'

/** Screen pixels: the cross's circle, so it reads at any zoom. */
const RADIUS = 9

/**
 * A partition on the canvas: a red cross on every arrow it cuts (one end on each side), where a
 * flow chip would sit, so the room sees which calls stopped getting through.
 */
export function CutMarks({
  arrows,
  cut,
  px,
}: {
  arrows: readonly Pick<PlacedArrow, 'shapeId' | 'along'>[]
  /** Ids of the calls the partition cuts. */
  cut: readonly string[]
  /** One screen pixel in page units (1 / zoom). */
  px: number
}) {
  if (cut.length === 0) return null
  const r = RADIUS * px
  const arm = r * 0.45
  return (
    <g className="sim-cuts">
      {arrows.map((arrow) => {
        const at = arrow.along[0]
        if (!at || !cut.includes(arrow.shapeId)) return null
        return (
          <g key={arrow.shapeId} data-cut={arrow.shapeId} transform={`translate(${at.x} ${at.y})`}>
            <circle r={r} fill="white" stroke={HEALTH_COLOR.failed} strokeWidth={2 * px} />
            <path
              d={`M${-arm} ${-arm}L${arm} ${arm}M${arm} ${-arm}L${-arm} ${arm}`}
              stroke={HEALTH_COLOR.failed}
              strokeWidth={2.5 * px}
              strokeLinecap="round"
            />
          </g>
        )
      })}
    </g>
  )
}
