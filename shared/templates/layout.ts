import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js'
import { type ArrowPlan, arrowOptions, placeLabels } from './arrow-routes'
import type { Box, Point } from './geometry'
import { NOTE_SIZE, nodeBoxSize } from './node-styles'
import type { Template } from './template-schema'

export type { Box } from './geometry'

/** A template with absolute page coordinates for every node, group frame, note and arrow. */
export interface LaidOutTemplate {
  template: Template
  nodes: Record<string, Box>
  groups: Record<string, Box>
  notes: Record<string, Box>
  /** How each edge is drawn, keyed by `edgeKey(from, to)`. */
  arrows: Record<string, ArrowPlan>
  bounds: Box
}

/** The key of an edge in `LaidOutTemplate.arrows` (the same as its arrow's `meta.nodeId`). */
export const edgeKey = (from: string, to: string) => `${from}->${to}`

/** ELK's route for one edge and the centre of its label, in page coordinates. */
interface ElkRoute {
  points: Point[]
  label: Point | undefined
}

// tldraw draws a frame's name above its top edge at a constant screen size, so a zoomed-out diagram
// needs generous room above nested frames or their names collide with the parent's edge.
const FRAME_PADDING = { top: 84, side: 32, bottom: 32 }
const LABEL_CHAR_WIDTH = 11
const LABEL_HEIGHT = 22
const NOTE_GAP = 40

/**
 * Places a template with ELK's layered algorithm (groups become compound nodes, so frames
 * enclose their members); a template whose nodes all carry positions keeps them.
 */
export async function layoutTemplate(template: Template): Promise<LaidOutTemplate> {
  const hasAllPositions = template.nodes.every((n) => n.position)
  const { nodes, groups, routes } = hasAllPositions
    ? { nodes: fixedPositions(template), groups: undefined, routes: {} as Record<string, ElkRoute> }
    : await elkPositions(template)
  const frames = groups ?? groupBoxes(template, nodes)
  const arrows = planArrows(template, nodes, routes)
  const diagram = enclosing([...Object.values(nodes), ...Object.values(frames)])
  const notes = placeNotes(template, nodes, diagram)
  const bounds = enclosing([diagram, ...Object.values(notes)])
  return { template, nodes, groups: frames, notes, arrows, bounds }
}

/** Every edge's drawing, avoiding every box it does not connect, labels clear of boxes and each other. */
function planArrows(
  template: Template,
  nodes: Record<string, Box>,
  routes: Record<string, ElkRoute>,
): Record<string, ArrowPlan> {
  const arrows: Record<string, ArrowPlan> = {}
  const labelled: Array<{ key: string; text: string; options: ArrowPlan[] }> = []
  for (const edge of template.edges) {
    const from = nodes[edge.from]
    const to = nodes[edge.to]
    if (!from || !to) continue
    const key = edgeKey(edge.from, edge.to)
    const obstacles = Object.entries(nodes)
      .filter(([id]) => id !== edge.from && id !== edge.to)
      .map(([, box]) => box)
    const options = arrowOptions({
      from,
      to,
      route: routes[key]?.points,
      labelCenter: routes[key]?.label,
      obstacles,
      direction: template.direction,
    })
    arrows[key] = options[0] as ArrowPlan
    if (edge.label) labelled.push({ key, text: edge.label, options })
  }
  const placed = placeLabels(labelled, Object.values(nodes))
  for (const [i, { key }] of labelled.entries()) {
    const plan = placed[i]
    if (plan) arrows[key] = plan
  }
  return arrows
}

function fixedPositions(template: Template): Record<string, Box> {
  const boxes: Record<string, Box> = {}
  for (const node of template.nodes) {
    boxes[node.id] = {
      x: node.position?.x ?? 0,
      y: node.position?.y ?? 0,
      ...nodeBoxSize(node.kind, node.label),
    }
  }
  return boxes
}

/** ELK places nodes and sizes group frames (compound nodes) so that nothing overlaps. */
async function elkPositions(
  template: Template,
): Promise<{ nodes: Record<string, Box>; groups: Record<string, Box>; routes: Record<string, ElkRoute> }> {
  // loaded on first use: a server with precomputed layouts never pays for ELK's 1.5 MB
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const elk = new ELK()
  const containers = new Map<string | undefined, ElkNode[]>()
  const childrenOf = (groupId: string | undefined) => {
    const list = containers.get(groupId) ?? []
    containers.set(groupId, list)
    return list
  }
  for (const node of template.nodes) {
    const size = nodeBoxSize(node.kind, node.label)
    childrenOf(node.group).push({ id: node.id, width: size.w, height: size.h })
  }
  const groupNode = (groupId: string): ElkNode => ({
    id: `group:${groupId}`,
    layoutOptions: {
      'elk.padding': `[top=${FRAME_PADDING.top},left=${FRAME_PADDING.side},bottom=${FRAME_PADDING.bottom},right=${FRAME_PADDING.side}]`,
      'elk.spacing.nodeNode': '80',
    },
    children: [
      ...childrenOf(groupId),
      ...template.groups.filter((g) => g.parent === groupId).map((g) => groupNode(g.id)),
    ],
  })
  // Labels go to ELK with their size, so the layers leave room for them along the arrow.
  const edges: ElkExtendedEdge[] = template.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
    labels: e.label
      ? [{ text: e.label, width: e.label.length * LABEL_CHAR_WIDTH + 40, height: LABEL_HEIGHT }]
      : [],
  }))
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': template.direction === 'down' ? 'DOWN' : 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '80',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeLabels.placement': 'CENTER',
      // routes and labels in page coordinates, whichever frame holds the edge
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [
      ...childrenOf(undefined),
      ...template.groups.filter((g) => !g.parent).map((g) => groupNode(g.id)),
    ],
    edges,
  }
  const result = await elk.layout(graph)
  const nodes: Record<string, Box> = {}
  const groups: Record<string, Box> = {}
  const collect = (node: ElkNode, offsetX: number, offsetY: number) => {
    for (const child of node.children ?? []) {
      const x = offsetX + (child.x ?? 0)
      const y = offsetY + (child.y ?? 0)
      const box = { x, y, w: child.width ?? 0, h: child.height ?? 0 }
      if (child.id.startsWith('group:')) groups[child.id.slice('group:'.length)] = box
      else nodes[child.id] = box
      collect(child, x, y)
    }
  }
  collect(result, 0, 0)
  const routes: Record<string, ElkRoute> = {}
  for (const [i, edge] of (result.edges ?? []).entries()) {
    const spec = template.edges[i]
    const section = edge.sections?.[0]
    if (!spec || !section || edge.id !== `e${i}`) continue
    const label = edge.labels?.[0]
    routes[edgeKey(spec.from, spec.to)] = {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      label: label
        ? { x: (label.x ?? 0) + (label.width ?? 0) / 2, y: (label.y ?? 0) + (label.height ?? 0) / 2 }
        : undefined,
    }
  }
  return { nodes, groups, routes }
}

/** For hand-placed templates: each group's frame encloses its nodes and sub-groups, with room for its name. */
function groupBoxes(template: Template, nodes: Record<string, Box>): Record<string, Box> {
  const groups: Record<string, Box> = {}
  const boxOf = (groupId: string): Box => {
    const cached = groups[groupId]
    if (cached) return cached
    const members = [
      ...template.nodes
        .filter((n) => n.group === groupId)
        .flatMap((n) => (nodes[n.id] ? [nodes[n.id] as Box] : [])),
      ...template.groups.filter((g) => g.parent === groupId).map((g) => boxOf(g.id)),
    ]
    const inner = enclosing(members)
    const box = {
      x: inner.x - FRAME_PADDING.side,
      y: inner.y - FRAME_PADDING.top,
      w: inner.w + 2 * FRAME_PADDING.side,
      h: inner.h + FRAME_PADDING.top + FRAME_PADDING.bottom,
    }
    groups[groupId] = box
    return box
  }
  for (const group of template.groups) boxOf(group.id)
  return groups
}

/** Notes sit in a row under the diagram, in the order written, so they never cover a box. */
function placeNotes(template: Template, nodes: Record<string, Box>, diagram: Box): Record<string, Box> {
  const notes: Record<string, Box> = {}
  let x = diagram.x
  for (const note of template.notes) {
    const near = note.near ? nodes[note.near] : undefined
    const wanted = near ? Math.max(x, near.x) : x
    notes[note.id] = { x: wanted, y: diagram.y + diagram.h + NOTE_GAP, w: NOTE_SIZE, h: NOTE_SIZE }
    x = wanted + NOTE_SIZE + NOTE_GAP / 2
  }
  return notes
}

/** The smallest box holding all `boxes` (a zero box at the origin for none). */
export function enclosing(boxes: Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 }
  const minX = Math.min(...boxes.map((b) => b.x))
  const minY = Math.min(...boxes.map((b) => b.y))
  const maxX = Math.max(...boxes.map((b) => b.x + b.w))
  const maxY = Math.max(...boxes.map((b) => b.y + b.h))
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}
