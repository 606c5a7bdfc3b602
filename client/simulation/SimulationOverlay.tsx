import './overlay.css'
import { useMemo } from 'react'
import { type Editor, useEditor, useValue } from 'tldraw'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SimView } from '../../shared/sim/view'
import { useLiveSession } from '../session/session-context'
import { type PlacedBox, placeScenario } from './canvas-geometry'
import { layOutChips, scenarioChipObstacles } from './chip-layout'
import { DrawnRunOverlay } from './DrawnRunOverlay'
import { FlowDashes } from './FlowDashes'
import { HEALTH_COLOR } from './health-style'
import { useFlowStillWhileCameraMoves } from './useFlowStillWhileCameraMoves'

/** Below this zoom the chips would be unreadable specks: only halos and flow stay. */
const CHIPS_MIN_ZOOM = 0.3

/**
 * The simulation drawn on the template's own shapes (tldraw's `OnTheCanvas` slot, in page space):
 * a health halo around each bound box, its metric chips, and flow dashes along bound arrows.
 * It reads the document and never writes it.
 */
export function SimulationOverlay() {
  const editor = useEditor()
  const { simulation, connection } = useLiveSession()
  const session = connection.session
  if (session?.drawnRun)
    return (
      <DrawnRunOverlay
        editor={editor}
        run={session.drawnRun}
        serverClockOffset={connection.serverClockOffset}
        seq={session.seq}
        sessionState={session}
        report={connection.report}
      />
    )
  if (simulation.status !== 'ready') return null
  return (
    <ScenarioOverlay
      editor={editor}
      scenario={simulation.scenario}
      view={simulation.view}
      highlights={simulation.step.highlights}
    />
  )
}

function ScenarioOverlay({
  editor,
  scenario,
  view,
  highlights,
}: {
  editor: Editor
  scenario: Scenario
  view: SimView
  highlights: readonly string[]
}) {
  const { placed, obstacles } = useValue('simulation overlay shapes', () => {
    const placed = placeScenario(editor, scenario)
    return { placed, obstacles: scenarioChipObstacles(editor, placed) }
  }, [editor, scenario])
  const zoom = useValue('simulation overlay zoom', () => editor.getZoomLevel(), [editor])
  const svgRef = useFlowStillWhileCameraMoves(editor)
  // strokes and chips keep a steady size on screen while the camera zooms
  const px = 1 / zoom
  const chipScale = Math.min(Math.max(0.85 / zoom, 1), 2.2)
  const showChips = zoom >= CHIPS_MIN_ZOOM
  const chipsAt = useMemo(
    () => (showChips ? layOutChips(placed, obstacles, view, chipScale, px) : new Map()),
    [showChips, placed, view, chipScale, px, obstacles],
  )
  const highlighted = new Set(highlights)

  return (
    <div className="sim-overlay" data-testid="sim-overlay" aria-hidden="true">
      <svg ref={svgRef} className="sim-overlay__svg" width={1} height={1} aria-hidden="true">
        <FlowDashes
          arrows={placed.arrows}
          rateOf={(arrow) => view.edges[arrow.entityEdge]?.rate}
          edgeOf={(arrow) => arrow.templateEdge}
          px={px}
        />
        {placed.boxes.map((box) => {
          const node = view.nodes[box.entity]
          if (!node) return null
          const color = HEALTH_COLOR[node.health]
          const isHighlighted = highlighted.has(box.entity)
          return (
            <g
              key={box.shapeId}
              transform={box.transform}
              className={`sim-halo sim-halo--${node.health}${isHighlighted ? ' sim-halo--highlighted' : ''}`}
              data-testid="sim-halo"
              data-node-id={box.nodeId}
              data-entity={box.entity}
              data-health={node.health}
              data-highlighted={isHighlighted}
            >
              <path d={box.outline} className="sim-halo__glow" stroke={color} strokeWidth={12 * px} />
              <path d={box.outline} className="sim-halo__ring" stroke={color} strokeWidth={3.5 * px} />
            </g>
          )
        })}
        {spotlights(placed.boxes, highlighted).map((spot) => {
          const pad = 14 * px
          return (
            <rect
              key={spot.key}
              className="sim-spotlight"
              data-testid="sim-spotlight"
              data-entity={spot.entity}
              x={spot.x - pad}
              y={spot.y - pad}
              width={spot.w + 2 * pad}
              height={spot.h + 2 * pad}
              rx={10 * px}
              strokeWidth={2 * px}
              strokeDasharray={`${7 * px} ${6 * px}`}
            />
          )
        })}
      </svg>
      {showChips &&
        placed.boxes.map((box) => {
          const node = view.nodes[box.entity]
          const at = chipsAt.get(box.shapeId)
          if (!node || !at) return null
          return (
            <div
              key={box.shapeId}
              className={`sim-chips sim-chips--${node.health}`}
              data-testid="sim-chips"
              data-entity={box.entity}
              style={{ left: at.x, top: at.y, transform: `scale(${chipScale})`, transformOrigin: '0 0' }}
            >
              {node.badges.map((badge) => (
                <span key={badge} className="sim-chip">
                  {badge}
                </span>
              ))}
            </div>
          )
        })}
      {showChips &&
        placed.arrows.map((arrow) => {
          const edge = view.edges[arrow.entityEdge]
          const at = chipsAt.get(arrow.shapeId)
          if (!edge?.label || !at) return null
          return (
            <div
              key={arrow.shapeId}
              className={`sim-flow-chip${edge.rate > 0 ? '' : ' sim-flow-chip--still'}`}
              data-testid="sim-flow-chip"
              style={{ left: at.x, top: at.y, transform: `scale(${chipScale})`, transformOrigin: '0 0' }}
            >
              {edge.label}
            </div>
          )
        })}
    </div>
  )
}

/** One dashed frame around all boxes of each highlighted entity, per copy of the template. */
function spotlights(
  boxes: readonly PlacedBox[],
  highlighted: ReadonlySet<string>,
): Array<{ key: string; entity: string; x: number; y: number; w: number; h: number }> {
  const areas = new Map<string, { entity: string; minX: number; minY: number; maxX: number; maxY: number }>()
  for (const { entity, insertionId, bounds } of boxes) {
    if (!highlighted.has(entity)) continue
    const key = `${entity}:${insertionId}`
    const area = areas.get(key)
    areas.set(key, {
      entity,
      minX: Math.min(area?.minX ?? bounds.x, bounds.x),
      minY: Math.min(area?.minY ?? bounds.y, bounds.y),
      maxX: Math.max(area?.maxX ?? bounds.x + bounds.w, bounds.x + bounds.w),
      maxY: Math.max(area?.maxY ?? bounds.y + bounds.h, bounds.y + bounds.h),
    })
  }
  return [...areas].map(([key, a]) => ({
    key,
    entity: a.entity,
    x: a.minX,
    y: a.minY,
    w: a.maxX - a.minX,
    h: a.maxY - a.minY,
  }))
}
