import type { Editor } from 'tldraw'
import type { SimView } from '../../shared/sim/view'
import { chipObstacles, type PlacedScenario } from './canvas-geometry'
import {
  boxChipCandidates,
  type ChipObstacles,
  type ChipRequest,
  flowChipCandidates,
  placeChips,
  type Rect,
} from './chip-placement'
import { chipRowSize, chipSize } from './chip-size'

/** How far around the boxes chips look for labels and boxes to keep clear of (page units). */
const CHIP_REACH = 400
/** A box's chips sit this many screen pixels from it; a flow chip this many page units from its label. */
const BOX_GAP_PX = 12
const LABEL_GAP = 4

/** The arrow labels and boxes near `rects` (a run's or a scenario's boxes), which their chips keep clear of. */
export function chipObstaclesAround(editor: Editor, rects: readonly Rect[]): ChipObstacles {
  if (rects.length === 0) return { labels: [], boxes: [] }
  const minX = Math.min(...rects.map((r) => r.x))
  const minY = Math.min(...rects.map((r) => r.y))
  const maxX = Math.max(...rects.map((r) => r.x + r.w))
  const maxY = Math.max(...rects.map((r) => r.y + r.h))
  const by = CHIP_REACH
  return chipObstacles(editor, {
    x: minX - by,
    y: minY - by,
    w: maxX - minX + 2 * by,
    h: maxY - minY + 2 * by,
  })
}

/** The arrow labels and boxes near a scenario's boxes, which its chips keep clear of. */
export function scenarioChipObstacles(editor: Editor, { boxes }: PlacedScenario): ChipObstacles {
  return chipObstaclesAround(
    editor,
    boxes.map((box) => box.bounds),
  )
}

/**
 * Where every chip of the simulation goes on the page (keyed by shape id): boxes' status chips
 * first (they say what is wrong), then arrows' flow chips, none on an arrow label or another chip.
 * `scale` is the chips' size factor, `px` one screen pixel in page units.
 */
export function layOutChips(
  placed: PlacedScenario,
  obstacles: ChipObstacles,
  view: SimView,
  scale: number,
  px: number,
): Map<string, Rect> {
  const scaled = ({ w, h }: { w: number; h: number }) => ({ w: w * scale, h: h * scale })
  const boxes: ChipRequest[] = placed.boxes.flatMap((box) => {
    const badges = view.nodes[box.entity]?.badges ?? []
    if (!box.carriesChips || badges.length === 0) return []
    const size = scaled(chipRowSize(badges))
    return [{ key: box.shapeId, size, candidates: boxChipCandidates(box.bounds, size, BOX_GAP_PX * px) }]
  })
  const flows: ChipRequest[] = placed.arrows.flatMap((arrow) => {
    const label = view.edges[arrow.entityEdge]?.label
    if (!label) return []
    const size = scaled(chipSize(label))
    return [
      {
        key: arrow.shapeId,
        size,
        candidates: flowChipCandidates(arrow.labelOnPage, arrow.along, size, LABEL_GAP),
      },
    ]
  })
  return placeChips([...boxes, ...flows], obstacles)
}
