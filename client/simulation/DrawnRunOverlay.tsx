import type { TLShapeId } from 'tldraw'
import { type Editor, useValue } from 'tldraw'
import type { DrawnRun } from '../../shared/session/drawn-run'
import type { StateReport } from '../../shared/session/intents'
import { formatCount, formatPercent } from '../../shared/sim/format'
import { edgeId } from '../../shared/sim/view'
import { CutMarks } from './CutMarks'
import { placeArrowShape } from './canvas-geometry'
import { DrawnBoxChips, DrawnBoxHalo, type PlacedDrawnBox } from './DrawnBoxMarks'
import { FlowDashes } from './FlowDashes'
import { useDrawnChipLayout } from './useDrawnChipLayout'
import { useDrawnRun } from './useDrawnRun'
import { useDrawnRunCheck } from './useDrawnRunCheck'
import { useFlowStillWhileCameraMoves } from './useFlowStillWhileCameraMoves'
import { useSteadyFlowRates } from './useSteadyFlowRates'

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
  useDrawnRunCheck(picture, run, run.pausedAtTick !== null, seq, sessionState, report)
  const ids = run.snapshot.boxes.map((box) => box.id)
  // in page space, like the shapes: panning moves it with the canvas and re-renders nothing
  const placed = useValue(
    'drawn run boxes',
    (): PlacedDrawnBox[] =>
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
  const chipScale = Math.min(Math.max(0.85 / zoom, 1), 2.2)
  const chipsAt = useDrawnChipLayout(
    editor,
    placed,
    run.seed,
    picture?.figures,
    zoom,
    chipScale,
    zoom >= CHIPS_MIN_ZOOM,
  )
  const svgRef = useFlowStillWhileCameraMoves(editor)
  const flowRate = useSteadyFlowRates(picture?.view.edges ?? {}, picture?.tick ?? 0)
  if (!picture) return null
  const px = 1 / zoom
  return (
    <div className="sim-overlay" data-testid="drawn-overlay" data-tick={picture.tick} aria-hidden="true">
      <svg ref={svgRef} className="sim-overlay__svg" width={1} height={1} aria-hidden="true">
        <FlowDashes
          arrows={calls}
          rateOf={(call) => (picture.cut.includes(call.shapeId) ? undefined : flowRate(call.edge))}
          edgeOf={(call) => call.shapeId}
          px={px}
          still={run.pausedAtTick !== null}
        />
        {placed.map((box) => {
          const node = picture.view.nodes[box.id]
          return node && <DrawnBoxHalo key={box.id} box={box} health={node.health} px={px} />
        })}
        <CutMarks arrows={calls} cut={picture.cut} px={px} />
      </svg>
      {placed.map((box) => {
        const node = picture.view.nodes[box.id]
        const figures = picture.figures[box.id]
        const at = chipsAt.get(box.id)
        if (!node || !figures || !at) return null
        return (
          <DrawnBoxChips
            key={box.id}
            box={box}
            at={at}
            health={node.health}
            queueDepth={figures.queueDepth}
            busy={formatPercent(figures.utilisation, 0)}
            queue={formatCount(figures.queueDepth)}
            errors={figures.errorShare > 0 ? formatPercent(figures.errorShare, 0) : null}
            scale={chipScale}
          />
        )
      })}
    </div>
  )
}
