import type { TLShapeId } from 'tldraw'
import { type Editor, useValue } from 'tldraw'
import type { DrawnRun } from '../../shared/session/drawn-run'
import type { StateReport } from '../../shared/session/intents'
import { formatCount, formatPercent } from '../../shared/sim/format'
import { edgeId } from '../../shared/sim/view'
import { placeArrowShape } from './canvas-geometry'
import { FlowDashes } from './FlowDashes'
import { HEALTH_COLOR } from './health-style'
import { useDrawnRun } from './useDrawnRun'
import { useDrawnRunCheck } from './useDrawnRunCheck'

/** Below this zoom the chips would be unreadable specks: only the halos stay. */
const CHIPS_MIN_ZOOM = 0.3

/**
 * The drawn diagram's run on its own shapes (page space, like the scenario overlay): each box ringed
 * in the colour of its health (utilisation and errors) with its busy share and queue depth beside it.
 */
export function DrawnRunOverlay({
  editor,
  run,
  serverClockOffset,
  seq,
  sessionState,
  report,
}: {
  editor: Editor
  run: DrawnRun
  serverClockOffset: number
  /** The session this run belongs to, for the server's check of this screen's hash. */
  seq: number
  sessionState: object
  report: (report: StateReport) => void
}) {
  const picture = useDrawnRun(run, serverClockOffset)
  useDrawnRunCheck(picture, run.pausedAtTick !== null, seq, sessionState, report)
  const ids = run.snapshot.boxes.map((box) => box.id)
  // in page space, like the shapes: panning moves it with the canvas and re-renders nothing
  const placed = useValue(
    'drawn run boxes',
    () =>
      ids.flatMap((id) => {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        return bounds ? [{ id, x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }] : []
      }),
    [editor, ids.join(',')],
  )
  // each call's arrow as drawn now, for the traffic moving along it
  const calls = useValue(
    'drawn run calls',
    () =>
      run.snapshot.calls.flatMap((call) => {
        const shape = editor.getShape(call.id as TLShapeId)
        const placed = shape ? placeArrowShape(editor, shape) : null
        return placed ? [{ ...placed, shapeId: call.id, edge: edgeId(call.from, call.to) }] : []
      }),
    [editor, run.snapshot],
  )
  const zoom = useValue('drawn run zoom', () => editor.getZoomLevel(), [editor])
  const cameraMoving = useValue('drawn run camera moving', () => editor.getCameraState() === 'moving', [
    editor,
  ])
  if (!picture) return null
  const px = 1 / zoom
  const chipScale = Math.min(Math.max(0.85 / zoom, 1), 2.2)
  return (
    <div className="sim-overlay" data-testid="drawn-overlay" data-tick={picture.tick} aria-hidden="true">
      <svg className="sim-overlay__svg" width={1} height={1} aria-hidden="true">
        <FlowDashes
          arrows={calls}
          rateOf={(call) => steadyRate(picture.view.edges[call.edge]?.rate)}
          edgeOf={(call) => call.shapeId}
          px={px}
          still={cameraMoving}
        />
        {placed.map((box) => {
          const node = picture.view.nodes[box.id]
          if (!node) return null
          const pad = 6 * px
          return (
            <rect
              key={box.id}
              data-testid="drawn-halo"
              data-box={box.id}
              data-health={node.health}
              x={box.x - pad}
              y={box.y - pad}
              width={box.w + 2 * pad}
              height={box.h + 2 * pad}
              rx={8 * px}
              fill="none"
              stroke={HEALTH_COLOR[node.health]}
              strokeWidth={4 * px}
            />
          )
        })}
      </svg>
      {zoom >= CHIPS_MIN_ZOOM &&
        placed.map((box) => {
          const node = picture.view.nodes[box.id]
          const figures = picture.figures[box.id]
          if (!node || !figures) return null
          return (
            <div
              key={box.id}
              className={`sim-chips sim-chips--${node.health}`}
              data-testid="drawn-chips"
              data-box={box.id}
              data-queue={figures.queueDepth}
              style={{
                left: box.x + box.w / 2,
                top: box.y + box.h + 12 * px,
                transform: `translateX(-50%) scale(${chipScale})`,
              }}
            >
              <span className="sim-chip">{formatPercent(figures.utilisation, 0)} busy</span>
              <span className="sim-chip">queue {formatCount(figures.queueDepth)}</span>
              {figures.errorShare > 0 && (
                <span className="sim-chip">{formatPercent(figures.errorShare, 0)} errors</span>
              )}
            </div>
          )
        })}
    </div>
  )
}

/**
 * A call's rate in half-octave steps: a run's rates wobble every tick, and a new dash speed restarts
 * the dash animation; the flow should change pace when the traffic does, not with its noise.
 */
function steadyRate(rate: number | undefined): number | undefined {
  if (rate === undefined || !(rate > 0)) return rate
  return 2 ** (Math.round(2 * Math.log2(rate)) / 2)
}
