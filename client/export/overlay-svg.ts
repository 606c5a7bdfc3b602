import { Box, type Editor } from 'tldraw'
import type { Scenario } from '../../shared/scenarios/scenario-schema'
import type { SimView } from '../../shared/sim/view'
import { placeScenario } from '../simulation/canvas-geometry'
import { layOutChips, scenarioChipObstacles } from '../simulation/chip-layout'
import { chipSize } from '../simulation/chip-size'
import { FLOW_DASH } from '../simulation/flow-path'
import { FLOW_COLOR, HEALTH_COLOR } from '../simulation/health-style'

/** The simulation picture on screen right now: the scenario's binding and the view this tab computed. */
export interface OverlayPicture {
  scenario: Pick<Scenario, 'templateId' | 'binding'>
  view: SimView
}

const SVG_NS = 'http://www.w3.org/2000/svg'
// the live overlay's look (overlay.css) at 100 % zoom, in page units
const CHIP = { font: 12, height: 18, gap: 4 } as const
const HALO = { glow: 12, ring: 3.5 } as const

type Attributes = Record<string, string | number>

function element(name: string, attributes: Attributes, children: Element[] = []): SVGElement {
  const node = document.createElementNS(SVG_NS, name)
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value))
  for (const child of children) node.appendChild(child)
  return node
}

/** A row of pill-shaped chips from its top-left corner; returns the group and the page area it covers. */
function chipRow(
  texts: string[],
  at: { x: number; y: number },
  color: string,
): { node: SVGElement; area: Box } {
  const widths = texts.map((text) => chipSize(text).w)
  const total = widths.reduce((sum, w) => sum + w, 0) + CHIP.gap * (texts.length - 1)
  const top = at.y
  let x = at.x
  const chips = texts.map((text, i) => {
    const w = widths[i] ?? 0
    const chip = element('g', {}, [
      element('rect', {
        x,
        y: top,
        width: w,
        height: CHIP.height,
        rx: CHIP.height / 2,
        fill: '#ffffff',
        stroke: 'rgba(16, 24, 40, 0.18)',
        'stroke-width': 1,
      }),
      Object.assign(
        element('text', {
          x: x + w / 2,
          y: top + CHIP.height / 2,
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          'font-family': 'system-ui, sans-serif',
          'font-size': CHIP.font,
          'font-weight': 600,
          fill: color,
        }),
        { textContent: text },
      ),
    ])
    x += w + CHIP.gap
    return chip
  })
  return { node: element('g', {}, chips), area: new Box(at.x, top, total, CHIP.height) }
}

/**
 * The simulation overlay as SVG in page coordinates, for the shapes being exported: health halos
 * around bound boxes, still flow dashes along bound arrows (an image cannot move) that leave their
 * labels readable, and the metric and flow chips — placed and coloured by the live overlay's own
 * functions. Null when none of the exported shapes plays a part in the scenario; `area` is what
 * the picture must include beyond the shapes (halos, chips).
 */
export function overlaySvg(
  editor: Editor,
  picture: OverlayPicture,
  exported: ReadonlySet<string>,
): { node: SVGElement; area: Box | null } | null {
  const placed = placeScenario(editor, picture.scenario)
  const boxes = placed.boxes.filter((box) => exported.has(box.shapeId))
  const arrows = placed.arrows.filter((arrow) => exported.has(arrow.shapeId))
  if (boxes.length === 0 && arrows.length === 0) return null
  const { view } = picture
  const parts: Element[] = []
  const areas: Box[] = []
  const maxRate = Math.max(0, ...Object.values(view.edges).map((edge) => edge.rate))

  for (const [index, arrow] of arrows.entries()) {
    const edge = view.edges[arrow.entityEdge]
    if (!edge) continue
    const dashes = element('path', {
      d: arrow.body.d,
      fill: 'none',
      stroke: FLOW_COLOR,
      'stroke-width': 4,
      'stroke-linecap': 'round',
      'stroke-dasharray': `${FLOW_DASH.dash} ${FLOW_DASH.gap}`,
      opacity: edge.rate > 0 && maxRate > 0 ? 0.85 : 0.3,
    })
    const group = element('g', { transform: arrow.transform }, [dashes])
    if (arrow.label) {
      // like the live overlay, the dashes leave the arrow's own label readable
      const id = `lockstep-flow-mask-${index}`
      const { x, y, w, h } = arrow.label
      group.prepend(
        element('mask', { id, maskUnits: 'userSpaceOnUse', x: -1e6, y: -1e6, width: 2e6, height: 2e6 }, [
          element('rect', { x: -1e6, y: -1e6, width: 2e6, height: 2e6, fill: 'white' }),
          element('rect', { x: x - 4, y: y - 2, width: w + 8, height: h + 4, rx: 4, fill: 'black' }),
        ]),
      )
      dashes.setAttribute('mask', `url(#${id})`)
    }
    parts.push(group)
  }
  for (const box of boxes) {
    const node = view.nodes[box.entity]
    if (!node) continue
    const color = HEALTH_COLOR[node.health]
    const calm = node.health === 'healthy'
    const stroke = { d: box.outline, fill: 'none', stroke: color, 'stroke-linejoin': 'round' }
    parts.push(
      element('g', { transform: box.transform, 'data-node-id': box.nodeId, 'data-health': node.health }, [
        element('path', { ...stroke, 'stroke-width': HALO.glow, opacity: calm ? 0.12 : 0.22 }),
        element('path', { ...stroke, 'stroke-width': HALO.ring, opacity: calm ? 0.6 : 0.95 }),
      ]),
    )
    areas.push(new Box(box.bounds.x, box.bounds.y, box.bounds.w, box.bounds.h).expandBy(HALO.glow / 2))
  }
  // where the live overlay puts them at 100 % zoom
  const chipsAt = layOutChips(placed, scenarioChipObstacles(editor, placed), view, 1, 1)
  for (const box of boxes) {
    const node = view.nodes[box.entity]
    const at = chipsAt.get(box.shapeId)
    if (!node || !at) continue
    const textColor = node.health === 'healthy' ? '#1d2127' : HEALTH_COLOR[node.health]
    const row = chipRow(node.badges, at, textColor)
    parts.push(row.node)
    areas.push(row.area)
  }
  for (const arrow of arrows) {
    const edge = view.edges[arrow.entityEdge]
    const at = chipsAt.get(arrow.shapeId)
    if (!edge?.label || !at) continue
    const row = chipRow([edge.label], at, edge.rate > 0 ? FLOW_COLOR : '#677180')
    parts.push(row.node)
    areas.push(row.area)
  }
  const node = element('g', { 'data-lockstep': 'simulation-overlay' }, parts)
  return { node, area: areas.length > 0 ? Box.Common(areas) : null }
}
