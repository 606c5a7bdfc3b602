import { createTLSchema } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import { designHints } from '../../shared/diagram/hints'
import { NEAR_BOX_DISTANCE } from '../../shared/diagram/loose-arrows'
import { arrowBindings, arrowShape, componentBox, frameShape, geoShape } from '../support/board-records'

const tlschema = createTLSchema()

type Point = { x: number; y: number }

/** An arrow drawn from `start` to `end` (in its parent's space), tied to nothing yet. */
function arrow(id: string, start: Point, end: Point, parentId = 'page:page') {
  const shape = arrowShape(id, { parentId })
  return { ...shape, props: { ...shape.props, start, end } }
}

/** One end of an arrow tied to a shape, as tldraw stores it when the end is dropped onto the shape. */
function tie(arrowId: string, terminal: 'start' | 'end', toId: string) {
  const [start, end] = arrowBindings(arrowId, toId, toId)
  return terminal === 'start' ? start : end
}

// Users at x 0–120 and API at x 300–420, both y 0–80: an arrow from (120, 40) to (300, 40) joins them.
const users = componentBox('shape:users', 'client', { x: 0, y: 0, text: 'Users' })
const api = componentBox('shape:api', 'service', { x: 300, y: 0, text: 'API' })

const read = (records: unknown[]) => snapshotFromRecords(records)
const arrowHints = (records: unknown[]) => {
  const { snapshot, looseArrows } = read(records)
  return (snapshot ? designHints({ ...snapshot, looseArrows }) : []).filter(
    (hint) => hint.rule === 'arrow-not-attached',
  )
}

describe('reading arrows that look attached but are not', () => {
  it('uses records tldraw itself accepts', () => {
    const records = [
      users,
      arrow('shape:a', { x: 120, y: 40 }, { x: 290, y: 40 }),
      tie('shape:a', 'start', 'shape:users'),
    ]
    for (const record of records) {
      const type = tlschema.types[record.typeName as keyof typeof tlschema.types]
      expect(() => type.validate(record), record.id).not.toThrow()
    }
  })

  it('an arrow tied at both ends to boxes is a call and not loose', () => {
    const reading = read([
      users,
      api,
      arrow('shape:a', { x: 0, y: 0 }, { x: 1, y: 0 }),
      ...arrowBindings('shape:a', 'shape:users', 'shape:api'),
    ])
    expect(reading.snapshot?.calls.map((call) => call.id)).toEqual(['shape:a'])
    expect(reading.looseArrows).toEqual([])
  })

  it('an end tied to a box with the other end free beside another box: loose, and not in the snapshot', () => {
    const reading = read([
      users,
      api,
      arrow('shape:a', { x: 120, y: 40 }, { x: 300 - NEAR_BOX_DISTANCE + 4, y: 40 }),
      tie('shape:a', 'start', 'shape:users'),
    ])
    expect(reading.snapshot?.calls).toEqual([])
    expect(reading.looseArrows).toEqual([
      {
        id: 'shape:a',
        start: { kind: 'box', boxId: 'shape:users' },
        end: { kind: 'near', boxId: 'shape:api' },
      },
    ])
  })

  it('a free end far from every box is free; an arrow touching no box at all is left alone', () => {
    const reading = read([
      users,
      api,
      arrow('shape:out', { x: 420, y: 40 }, { x: 700, y: 40 }),
      tie('shape:out', 'start', 'shape:api'),
      arrow('shape:doodle', { x: 0, y: 500 }, { x: 300, y: 500 }),
    ])
    expect(reading.looseArrows).toEqual([
      { id: 'shape:out', start: { kind: 'box', boxId: 'shape:api' }, end: { kind: 'free' } },
    ])
  })

  it('finds a free end beside a box through frames and turns (page space, not the parent’s)', () => {
    const zone = { ...frameShape('shape:zone', { x: 1000, y: 0 }), rotation: Math.PI / 2 }
    // in the frame turned a quarter, (0, 100) sits at page (900, 0): just right of a box at 760–880
    const box = componentBox('shape:far', 'database', { x: 760, y: -40 })
    const reading = read([
      users,
      zone,
      box,
      arrow('shape:a', { x: 0, y: 100 }, { x: 300, y: 100 }, 'shape:zone'),
      arrow('shape:b', { x: 0, y: 400 }, { x: 300, y: 400 }, 'shape:zone'),
    ])
    expect(reading.looseArrows).toEqual([
      { id: 'shape:a', start: { kind: 'near', boxId: 'shape:far' }, end: { kind: 'free' } },
    ])
  })

  it('an end tied to a rectangle with no kind counts; one tied to a note (an annotation) does not', () => {
    const plain = geoShape('shape:plain', { x: 600, y: 0 })
    const note = { ...geoShape('shape:n', { x: 600, y: 300 }), type: 'note' }
    const reading = read([
      users,
      plain,
      note,
      arrow('shape:to-plain', { x: 0, y: 0 }, { x: 1, y: 0 }),
      tie('shape:to-plain', 'start', 'shape:users'),
      tie('shape:to-plain', 'end', 'shape:plain'),
      arrow('shape:from-note', { x: 0, y: 0 }, { x: 1, y: 0 }),
      tie('shape:from-note', 'start', 'shape:n'),
      tie('shape:from-note', 'end', 'shape:users'),
    ])
    expect(reading.looseArrows).toEqual([
      {
        id: 'shape:to-plain',
        start: { kind: 'box', boxId: 'shape:users' },
        end: { kind: 'plain', shapeId: 'shape:plain' },
      },
    ])
  })
})

describe('design hint: arrow not attached', () => {
  it('says nothing about an arrow tied at both ends', () => {
    const tied = [
      arrow('shape:a', { x: 0, y: 0 }, { x: 1, y: 0 }),
      ...arrowBindings('shape:a', 'shape:users', 'shape:api'),
    ]
    expect(arrowHints([users, api, ...tied])).toEqual([])
  })

  it('one end loose: names the box it leaves and points at the arrow and both boxes', () => {
    const hints = arrowHints([
      users,
      api,
      arrow('shape:a', { x: 120, y: 40 }, { x: 295, y: 40 }),
      tie('shape:a', 'start', 'shape:users'),
    ])
    expect(hints).toEqual([
      {
        rule: 'arrow-not-attached',
        message:
          'An arrow from Users to API is not attached at its end, so it carries no traffic: drag its end onto a box',
        shapeIds: ['shape:a', 'shape:users', 'shape:api'],
      },
    ])
  })

  it('one end tied, the other out in the open: points at the arrow and the box it leaves', () => {
    const hints = arrowHints([
      users,
      api,
      arrow('shape:a', { x: 200, y: 500 }, { x: 300, y: 40 }),
      tie('shape:a', 'end', 'shape:api'),
    ])
    expect(hints.map((hint) => [hint.message, hint.shapeIds])).toEqual([
      [
        'An arrow to API is not attached at its start, so it carries no traffic: drag its start onto a box',
        ['shape:a', 'shape:api'],
      ],
    ])
  })

  it('both ends loose beside two boxes: asks for both ends', () => {
    const hints = arrowHints([users, api, arrow('shape:a', { x: 125, y: 40 }, { x: 295, y: 40 })])
    expect(hints.map((hint) => [hint.message, hint.shapeIds])).toEqual([
      [
        'An arrow from Users to API is not attached at either end, so it carries no traffic: drag both ends onto a box',
        ['shape:a', 'shape:users', 'shape:api'],
      ],
    ])
  })

  it('an arrow ending on a rectangle with no kind asks for a kind', () => {
    const hints = arrowHints([
      users,
      geoShape('shape:plain', { x: 300, y: 0 }),
      arrow('shape:a', { x: 0, y: 0 }, { x: 1, y: 0 }),
      ...arrowBindings('shape:a', 'shape:users', 'shape:plain'),
    ])
    expect(hints.map((hint) => hint.message)).toEqual([
      'An arrow from Users ends on a shape with no component kind, so it carries no traffic: give that shape a kind',
    ])
  })

  it('never nags about arrows among shapes that are not component boxes', () => {
    const plainA = geoShape('shape:pa', { x: 0, y: 1000 })
    const plainB = geoShape('shape:pb', { x: 300, y: 1000 })
    const drawing = [
      plainA,
      plainB,
      arrow('shape:joined', { x: 0, y: 0 }, { x: 1, y: 0 }),
      ...arrowBindings('shape:joined', 'shape:pa', 'shape:pb'),
      arrow('shape:half', { x: 120, y: 1040 }, { x: 295, y: 1040 }),
      tie('shape:half', 'start', 'shape:pa'),
      arrow('shape:free', { x: 125, y: 1040 }, { x: 295, y: 1040 }),
    ]
    // no kinds anywhere: an ordinary whiteboard drawing
    expect(read(drawing)).toMatchObject({ snapshot: null, looseArrows: [] })
    // the same drawing beside a diagram: still not about the diagram
    expect(arrowHints([users, api, ...drawing])).toEqual([])
  })
})
