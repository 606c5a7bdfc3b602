import { describe, expect, it } from 'vitest'
import { layoutTemplate } from '../../shared/templates/layout'
import { templateSchema } from '../../shared/templates/template-schema'
import { templateToRecords } from '../../shared/templates/to-tldraw'

const template = templateSchema.parse({
  id: 'two-cells',
  topic: 'cloud',
  title: 'Two cells',
  summary: 'A router in front of two cells.',
  groups: [
    { id: 'plane', label: 'Data plane' },
    { id: 'cell-1', label: 'Cell 1', parent: 'plane' },
    { id: 'cell-2', label: 'Cell 2', parent: 'plane' },
  ],
  nodes: [
    {
      id: 'router',
      label: 'Cell router',
      kind: 'router',
      role: 'Sends tenants to cells.',
      failure: 'Stale map.' + '.',
    },
    {
      id: 'svc-1',
      label: 'Service',
      kind: 'service',
      group: 'cell-1',
      role: 'Serves cell 1.',
      failure: 'Bad deploy.',
    },
    {
      id: 'svc-2',
      label: 'Service',
      kind: 'service',
      group: 'cell-2',
      role: 'Serves cell 2.',
      failure: 'Bad deploy.',
    },
  ],
  edges: [
    { from: 'router', to: 'svc-1', kind: 'sync', label: 'tenants A–M' },
    { from: 'router', to: 'svc-2', kind: 'sync' },
  ],
  notes: [{ id: 'why', text: 'What does a bad deploy in cell 1 cost?', near: 'svc-1' }],
})

describe('template renderer', () => {
  it('derives ids from the insertion id and the node id, so two insertions never collide', async () => {
    const laidOut = await layoutTemplate(template)
    const first = templateToRecords(laidOut, {
      insertionId: 'a',
      center: { x: 0, y: 0 },
      pageId: 'page:p' as never,
    })
    const second = templateToRecords(laidOut, {
      insertionId: 'b',
      center: { x: 0, y: 0 },
      pageId: 'page:p' as never,
    })
    expect(first.shapes.map((s) => s.id)).toContain('shape:a-router')
    const firstIds = new Set(first.shapes.map((s) => s.id))
    expect(second.shapes.some((s) => firstIds.has(s.id))).toBe(false)
  })

  it('nests frames and places children relative to their frame', async () => {
    const laidOut = await layoutTemplate(template)
    const { shapes } = templateToRecords(laidOut, {
      insertionId: 'x',
      center: { x: 0, y: 0 },
      pageId: 'page:p' as never,
    })
    const byId = new Map(shapes.map((s) => [s.id, s]))
    const svc = byId.get('shape:x-svc-1' as never)
    const cell = byId.get('shape:x-group-cell-1' as never)
    expect(cell?.parentId).toBe('shape:x-group-plane')
    expect(svc?.parentId).toBe('shape:x-group-cell-1')
    const cellBox = laidOut.groups['cell-1']
    const svcBox = laidOut.nodes['svc-1']
    expect(svc?.x).toBeCloseTo((svcBox?.x ?? 0) - (cellBox?.x ?? 0))
    // Frames come before what they contain (creation order is z-order).
    const order = shapes.map((s) => s.id)
    expect(order.indexOf('shape:x-group-plane' as never)).toBeLessThan(
      order.indexOf('shape:x-group-cell-1' as never),
    )
    expect(order.indexOf('shape:x-group-cell-1' as never)).toBeLessThan(
      order.indexOf('shape:x-svc-1' as never),
    )
  })

  it('centres the diagram on the requested point', async () => {
    const laidOut = await layoutTemplate(template)
    const { shapes } = templateToRecords(laidOut, {
      insertionId: 'c',
      center: { x: 1000, y: -500 },
      pageId: 'page:p' as never,
    })
    const outer = shapes.find((s) => s.id === 'shape:c-group-plane')
    const box = laidOut.groups.plane
    const dx = 1000 - (laidOut.bounds.x + laidOut.bounds.w / 2)
    expect(outer?.x).toBeCloseTo((box?.x ?? 0) + dx)
  })

  it('labels arrows and tags every shape with its template, node and kind', async () => {
    const laidOut = await layoutTemplate(template)
    const { shapes, bindings } = templateToRecords(laidOut, {
      insertionId: 'm',
      center: { x: 0, y: 0 },
      pageId: 'page:p' as never,
    })
    const arrow = shapes.find((s) => s.id === 'shape:m-edge-router-svc-1')
    expect(JSON.stringify(arrow?.props)).toContain('tenants A–M')
    expect(arrow?.meta).toEqual({
      templateId: 'two-cells',
      insertionId: 'm',
      nodeId: 'router->svc-1',
      kind: 'edge:sync',
    })
    expect(shapes.find((s) => s.id === 'shape:m-router')?.meta).toMatchObject({
      nodeId: 'router',
      kind: 'router',
    })
    expect(bindings.filter((b) => b.fromId === arrow?.id).map((b) => [b.props.terminal, b.toId])).toEqual([
      ['start', 'shape:m-router'],
      ['end', 'shape:m-svc-1'],
    ])
  })
})
