import { createTLSchema, toRichText } from '@tldraw/tlschema'

/** Valid tldraw document records, as the editor writes them, for tests that build boards by hand. */

export const BOARD_SCHEMA = createTLSchema().serialize()

export const documentRecord = () => ({
  id: 'document:document',
  typeName: 'document',
  gridSize: 10,
  name: '',
  meta: {},
})

export const pageRecord = (id = 'page:page', index = 'a1') => ({
  id,
  typeName: 'page',
  name: 'Page 1',
  index,
  meta: {},
})

interface ShapeOptions {
  parentId?: string
  x?: number
  y?: number
  text?: string
}

/** A rectangle with an optional label. */
export function geoShape(id: string, { parentId = 'page:page', x = 0, y = 0, text = '' }: ShapeOptions = {}) {
  return {
    ...shapeBase(id, 'geo', parentId, x, y),
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 120,
      h: 80,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(text),
    },
  }
}

/** A frame: a shape other shapes can be placed in. */
export function frameShape(id: string, { parentId = 'page:page', x = 0, y = 0 }: ShapeOptions = {}) {
  return {
    ...shapeBase(id, 'frame', parentId, x, y),
    props: { w: 400, h: 300, name: '', color: 'black' },
  }
}

/** An embedded page (an iframe in every viewer's browser). */
export function embedShape(id: string, url: string) {
  return { ...shapeBase(id, 'embed', 'page:page', 0, 0), props: { w: 400, h: 300, url } }
}

/** An image asset whose picture comes from `src`. */
export function imageAsset(id: string, src: string) {
  return {
    id,
    typeName: 'asset',
    type: 'image',
    props: { w: 10, h: 10, name: 'picture.png', isAnimated: false, mimeType: 'image/png', src },
    meta: {},
  }
}

function shapeBase(id: string, type: string, parentId: string, x: number, y: number) {
  return {
    id,
    typeName: 'shape',
    type,
    x,
    y,
    rotation: 0,
    index: 'a1',
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
  }
}

/** A box the drawn-system engine runs: a rectangle whose meta names its component kind. */
export function componentBox(id: string, componentKind: string, options: ShapeOptions = {}) {
  return { ...geoShape(id, options), meta: { componentKind } }
}

/** A straight arrow; bind it with `arrowBindings` to make it a call. */
export function arrowShape(id: string, { parentId = 'page:page', x = 0, y = 0 }: ShapeOptions = {}) {
  return {
    ...shapeBase(id, 'arrow', parentId, x, y),
    props: {
      kind: 'arc',
      elbowMidPoint: 0.5,
      dash: 'draw',
      size: 'm',
      fill: 'none',
      color: 'black',
      labelColor: 'black',
      bend: 0,
      start: { x: 0, y: 0 },
      end: { x: 100, y: 0 },
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      richText: toRichText(''),
      labelPosition: 0.5,
      font: 'draw',
      scale: 1,
    },
  }
}

/** The two bindings that tie an arrow's start to `from` and its end to `to`. */
export function arrowBindings(arrowId: string, from: string, to: string) {
  const bind = (terminal: 'start' | 'end', toId: string) => ({
    id: `binding:${arrowId.replace(/^shape:/, '')}-${terminal}`,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta: {},
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  })
  return [bind('start', from), bind('end', to)] as const
}
