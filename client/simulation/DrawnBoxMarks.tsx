import { memo } from 'react'
import type { Health } from '../../shared/sim/view'
import type { Rect } from './chip-placement'
import { HEALTH_COLOR } from './health-style'

/** A box's page bounds, as the drawn run overlay places its marks. */
export interface PlacedDrawnBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/**
 * The ring around one box in the colour of its health. Memoised on plain values, so a tick
 * re-renders only the boxes whose health changed.
 */
export const DrawnBoxHalo = memo(function DrawnBoxHalo({
  box,
  health,
  px,
}: {
  box: PlacedDrawnBox
  health: Health
  /** One screen pixel in page units (1 / zoom). */
  px: number
}) {
  const pad = 6 * px
  return (
    <rect
      data-testid="drawn-halo"
      data-box={box.id}
      data-health={health}
      x={box.x - pad}
      y={box.y - pad}
      width={box.w + 2 * pad}
      height={box.h + 2 * pad}
      rx={8 * px}
      fill="none"
      stroke={HEALTH_COLOR[health]}
      strokeWidth={4 * px}
    />
  )
})

/**
 * One box's figures (busy share, queue depth, error share when there are errors), as words already
 * formatted, centred in the room laid out for them (`at`, under the box unless something is there):
 * a tick re-renders only the boxes whose words changed.
 */
export const DrawnBoxChips = memo(function DrawnBoxChips({
  box,
  at,
  health,
  queueDepth,
  busy,
  queue,
  errors,
  scale,
}: {
  box: PlacedDrawnBox
  /** The room for this box's chips on the page. */
  at: Rect
  health: Health
  queueDepth: number
  busy: string
  queue: string
  /** The error share in words; null when nothing fails. */
  errors: string | null
  /** The chips' scale on the page, so they keep a readable size on screen. */
  scale: number
}) {
  return (
    <div
      className={`sim-chips sim-chips--${health}`}
      data-testid="drawn-chips"
      data-box={box.id}
      data-queue={queueDepth}
      style={{
        left: at.x + at.w / 2,
        top: at.y,
        transform: `translateX(-50%) scale(${scale})`,
      }}
    >
      <span className="sim-chip">{busy} busy</span>
      <span className="sim-chip">queue {queue}</span>
      {errors !== null && <span className="sim-chip">{errors} errors</span>}
    </div>
  )
})
