import { readFileSync } from 'node:fs'
import { createTLSchema } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import { drawnSystemEngine } from '../../shared/sim/engines/drawn-system'
import { layoutTemplate } from '../../shared/templates/layout'
import { templateSchema } from '../../shared/templates/template-schema'
import { templateToRecords } from '../../shared/templates/to-tldraw'
import { arrowBindings, arrowShape, frameShape, geoShape } from '../support/board-records'

const tlschema = createTLSchema()

/** A full tldraw geo shape record, as the editor stores it in the board document. */
function geo(id: string, text: string, meta: Record<string, unknown>, parentId = 'page:page') {
  return { ...geoShape(id, { parentId, text }), meta }
}

function arrow(id: string, dash: 'draw' | 'dashed', meta: Record<string, unknown> = {}) {
  const shape = arrowShape(id)
  return { ...shape, meta, props: { ...shape.props, dash } }
}

/** One end of an arrow tied to a box (`arrowBindings` ties both; a half-bound arrow needs one). */
function binding(arrowId: string, terminal: 'start' | 'end', toId: string) {
  const [start, end] = arrowBindings(arrowId, toId, toId)
  return terminal === 'start' ? start : end
}

const frame = { ...frameShape('shape:zoneA'), props: { w: 800, h: 600, name: 'Zone A', color: 'black' } }

/** Four boxes a group drew by hand, an async arrow, a half-bound arrow and a plain sticky shape. */
const drawn = [
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
  frame,
  geo('shape:users', 'Users', { componentKind: 'client', props: { ratePerSecond: 50 } }),
  geo(
    'shape:api',
    'API',
    { componentKind: 'service', props: { replicas: 3, retries: 'lots' } },
    'shape:zoneA',
  ),
  geo('shape:cache', 'Redis', { componentKind: 'cache' }, 'shape:zoneA'),
  geo('shape:db', 'Orders DB', { componentKind: 'database' }),
  geo('shape:doodle', 'just a box', {}),
  arrow('shape:a1', 'draw', { share: 1 }),
  arrow('shape:a2', 'draw'),
  arrow('shape:a3', 'draw'),
  arrow('shape:a4', 'dashed'),
  arrow('shape:a5', 'draw'),
  binding('shape:a1', 'start', 'shape:users'),
  binding('shape:a1', 'end', 'shape:api'),
  binding('shape:a2', 'start', 'shape:api'),
  binding('shape:a2', 'end', 'shape:cache'),
  binding('shape:a3', 'start', 'shape:cache'),
  binding('shape:a3', 'end', 'shape:db'),
  binding('shape:a4', 'start', 'shape:api'),
  binding('shape:a4', 'end', 'shape:db'),
  binding('shape:a5', 'start', 'shape:db'),
]

describe('reading a board into a graph snapshot', () => {
  it('uses records tldraw itself accepts', () => {
    for (const record of drawn) {
      const type = tlschema.types[record.typeName as keyof typeof tlschema.types]
      expect(() => type.validate(record), record.id).not.toThrow()
    }
  })

  it('turns shapes with a component kind into boxes and arrows bound at both ends into calls', () => {
    const { snapshot, skipped } = snapshotFromRecords([...drawn].reverse())
    expect(snapshot?.boxes).toEqual([
      { id: 'shape:api', label: 'API', kind: 'service', group: 'shape:zoneA', props: { replicas: 3 } },
      { id: 'shape:cache', label: 'Redis', kind: 'cache', group: 'shape:zoneA', props: {} },
      { id: 'shape:db', label: 'Orders DB', kind: 'database', group: null, props: {} },
      { id: 'shape:users', label: 'Users', kind: 'client', group: null, props: { ratePerSecond: 50 } },
    ])
    expect(snapshot?.calls).toEqual([
      { id: 'shape:a1', from: 'shape:users', to: 'shape:api', mode: 'sync', share: 1 },
      { id: 'shape:a2', from: 'shape:api', to: 'shape:cache', mode: 'sync', share: null },
      { id: 'shape:a3', from: 'shape:cache', to: 'shape:db', mode: 'sync', share: null },
      { id: 'shape:a4', from: 'shape:api', to: 'shape:db', mode: 'async', share: null },
    ])
    expect(skipped).toEqual([
      { shapeId: 'shape:api', reason: 'ignored settings: retries' },
      { shapeId: 'shape:a5', reason: 'not bound to a box at its end' },
    ])
  })

  it('gives nothing to run when no box has a kind yet', () => {
    expect(snapshotFromRecords([geo('shape:x', 'x', {})]).snapshot).toBeNull()
  })

  it('reads a real template: every box plays its node kind’s component, control arrows carry no traffic, and it runs', async () => {
    const template = templateSchema.parse(
      JSON.parse(readFileSync('content/templates/microservices-gateway.json', 'utf8')),
    )
    const laidOut = await layoutTemplate(template)
    const { shapes, bindings } = templateToRecords(laidOut, {
      insertionId: 'ins1',
      center: { x: 0, y: 0 },
      pageId: 'page:page' as never,
    })
    // the editor stores these partials as records with their typeName
    const records = [
      ...shapes.map((shape) => ({ ...shape, typeName: 'shape', parentId: shape.parentId ?? 'page:page' })),
      ...bindings.map((b) => ({ ...b, typeName: 'binding' })),
    ]
    const { snapshot } = snapshotFromRecords(records)
    expect(snapshot?.boxes).toHaveLength(template.nodes.length)
    const kinds = Object.fromEntries(snapshot?.boxes.map((box) => [box.id, box.kind]) ?? [])
    expect(kinds['shape:ins1-clients']).toBe('client')
    expect(kinds['shape:ins1-orders-db']).toBe('database')
    expect(kinds['shape:ins1-card-processor']).toBe('external-api')
    expect(snapshot?.calls).toHaveLength(template.edges.filter((edge) => edge.kind !== 'control').length)
    expect(snapshot?.calls.find((call) => call.id === 'shape:ins1-edge-orders-event-bus')?.mode).toBe('async')
    expect(snapshot?.boxes.find((box) => box.id === 'shape:ins1-orders')?.group).toBe(
      'shape:ins1-group-orders-domain',
    )

    const engine = drawnSystemEngine
    const state = engine.apply(
      engine.init(engine.params.parse(snapshot), 1),
      engine.events.parse({ type: 'tick', steps: 30 }),
    )
    expect(state.totals.ok).toBeGreaterThan(100)
  })
})
