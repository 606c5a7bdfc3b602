import type { EdgeKind, NodeKind } from './template-schema'

/** tldraw style names used by templates (a subset of tldraw's enums). */
export type GeoStyle =
  | 'rectangle'
  | 'ellipse'
  | 'oval'
  | 'hexagon'
  | 'octagon'
  | 'rhombus'
  | 'trapezoid'
  | 'cloud'
  | 'pentagon'
export type ColorStyle =
  | 'black'
  | 'grey'
  | 'light-violet'
  | 'violet'
  | 'blue'
  | 'light-blue'
  | 'yellow'
  | 'orange'
  | 'green'
  | 'light-green'
  | 'light-red'
  | 'red'
export type DashStyle = 'solid' | 'dashed' | 'dotted' | 'draw'

export interface NodeStyle {
  geo: GeoStyle
  color: ColorStyle
  w: number
  h: number
}

const BOX = { w: 180, h: 80 }

/** How each kind of component looks on the canvas; one glance tells a queue from a database. */
export const NODE_STYLES: Record<NodeKind, NodeStyle> = {
  client: { geo: 'oval', color: 'grey', ...BOX },
  'edge-router': { geo: 'hexagon', color: 'violet', ...BOX },
  router: { geo: 'hexagon', color: 'violet', ...BOX },
  gateway: { geo: 'hexagon', color: 'blue', ...BOX },
  'load-balancer': { geo: 'rhombus', color: 'light-blue', ...BOX },
  service: { geo: 'rectangle', color: 'blue', ...BOX },
  worker: { geo: 'rectangle', color: 'light-blue', ...BOX },
  function: { geo: 'rectangle', color: 'orange', ...BOX },
  queue: { geo: 'rectangle', color: 'yellow', w: 200, h: 60 },
  log: { geo: 'rectangle', color: 'orange', w: 220, h: 70 },
  'stream-processor': { geo: 'rectangle', color: 'light-violet', ...BOX },
  database: { geo: 'ellipse', color: 'green', ...BOX },
  cache: { geo: 'rectangle', color: 'light-green', ...BOX },
  'object-store': { geo: 'trapezoid', color: 'green', ...BOX },
  warehouse: { geo: 'rectangle', color: 'green', ...BOX },
  'control-plane': { geo: 'octagon', color: 'red', ...BOX },
  model: { geo: 'pentagon', color: 'light-violet', w: 180, h: 100 },
  agent: { geo: 'oval', color: 'violet', ...BOX },
  tool: { geo: 'rectangle', color: 'grey', ...BOX },
  'vector-store': { geo: 'trapezoid', color: 'light-green', ...BOX },
  monitor: { geo: 'rectangle', color: 'light-red', ...BOX },
  scheduler: { geo: 'rectangle', color: 'light-red', ...BOX },
  external: { geo: 'cloud', color: 'grey', w: 190, h: 100 },
}

/** Labels longer than this wrap to three lines in a standard box, and tldraw would grow it. */
const LONG_LABEL_CHARS = 24
const WIDE_BOX_W = 220

/** A node's box: its kind's size, widened for a long label so the label fits on two lines. */
export function nodeBoxSize(kind: NodeKind, label: string): { w: number; h: number } {
  const style = NODE_STYLES[kind]
  return { w: label.length > LONG_LABEL_CHARS ? Math.max(style.w, WIDE_BOX_W) : style.w, h: style.h }
}

export interface EdgeStyle {
  dash: DashStyle
  color: ColorStyle
}

/** How each kind of flow is drawn: requests solid, messages dashed, control dotted. */
export const EDGE_STYLES: Record<EdgeKind, EdgeStyle> = {
  sync: { dash: 'solid', color: 'black' },
  async: { dash: 'dashed', color: 'blue' },
  stream: { dash: 'solid', color: 'orange' },
  batch: { dash: 'dashed', color: 'green' },
  replication: { dash: 'dotted', color: 'green' },
  control: { dash: 'dotted', color: 'red' },
}

/** Sticky notes are squares of this size. */
export const NOTE_SIZE = 200
