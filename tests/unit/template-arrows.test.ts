import { beforeAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '../../server/content/template-catalog'
import { arrowLabelBox as labelBox, planArrow } from '../../shared/templates/arrow-routes'
import {
  arcPath,
  boxesOverlap,
  pathCrossesBox,
  pointAlong,
  segmentCrossesBox,
} from '../../shared/templates/geometry'
import { edgeKey, type LaidOutTemplate, layoutTemplate } from '../../shared/templates/layout'
import type { Template } from '../../shared/templates/template-schema'

describe('page geometry', () => {
  const box = { x: 0, y: 0, w: 100, h: 50 }
  it('tells a segment through a box from one beside it or along its edge', () => {
    expect(segmentCrossesBox({ x: -10, y: 25 }, { x: 110, y: 25 }, box)).toBe(true)
    expect(segmentCrossesBox({ x: -10, y: 60 }, { x: 110, y: 60 }, box)).toBe(false)
    expect(segmentCrossesBox({ x: -10, y: 0 }, { x: 110, y: 0 }, box)).toBe(false)
    expect(segmentCrossesBox({ x: 50, y: -10 }, { x: 50, y: 10 }, box)).toBe(true)
  })
  it('draws an arc through the bent middle, on the side tldraw bends it to', () => {
    const path = arcPath({ x: 0, y: 0 }, { x: 100, y: 0 }, 40)
    const middle = pointAlong(path, 0.5)
    expect(middle.x).toBeCloseTo(50, 0)
    expect(middle.y).toBeCloseTo(40, 0)
  })
})

describe('arrow planning', () => {
  const from = { x: 0, y: 0, w: 100, h: 60 }
  const to = { x: 600, y: 0, w: 100, h: 60 }
  it('steps around a box that sits on the straight line', () => {
    const blocker = { x: 300, y: -20, w: 100, h: 100 }
    const plan = planArrow({
      from,
      to,
      route: undefined,
      labelCenter: undefined,
      obstacles: [blocker],
      direction: 'right',
    })
    expect(pathCrossesBox(plan.path, blocker)).toBe(false)
  })
  it('follows a one-step ELK route exactly', () => {
    const route = [
      { x: 100, y: 30 },
      { x: 350, y: 30 },
      { x: 350, y: 10 },
      { x: 600, y: 10 },
    ]
    const plan = planArrow({ from, to, route, labelCenter: undefined, obstacles: [], direction: 'right' })
    expect(plan.kind).toBe('elbow')
    expect(plan.path.map((p) => [Math.round(p.x), Math.round(p.y)])).toEqual([
      [100, 30],
      [350, 30],
      [350, 10],
      [600, 10],
    ])
  })
})

describe('every shipped template, as laid out', () => {
  const templates: Template[] = loadTemplates('content/templates')
  const laidOut = new Map<string, LaidOutTemplate>()
  beforeAll(async () => {
    for (const t of templates) laidOut.set(t.id, await layoutTemplate(t))
  }, 120_000) // ELK lays out fifteen diagrams; a busy machine needs the room

  it.each(templates.map((t) => [t.id, t] as const))(
    '%s: no arrow crosses a box it does not connect',
    (id, template) => {
      const layout = laidOut.get(id) as LaidOutTemplate
      const crossings: string[] = []
      for (const edge of template.edges) {
        const plan = layout.arrows[edgeKey(edge.from, edge.to)]
        expect(plan, `${edge.from}->${edge.to} has a drawing`).toBeDefined()
        for (const [nodeId, box] of Object.entries(layout.nodes)) {
          if (nodeId === edge.from || nodeId === edge.to) continue
          if (plan && pathCrossesBox(plan.path, box))
            crossings.push(`${edge.from}->${edge.to} crosses ${nodeId}`)
        }
      }
      expect(crossings).toEqual([])
    },
  )

  it.each(templates.map((t) => [t.id, t] as const))(
    '%s: no two arrow labels overlap, nor a label a box',
    (id, template) => {
      const layout = laidOut.get(id) as LaidOutTemplate
      const labels = template.edges.flatMap((edge) => {
        const plan = layout.arrows[edgeKey(edge.from, edge.to)]
        if (!edge.label || !plan) return []
        return [{ edge, box: labelBox(edge.label, pointAlong(plan.path, plan.labelPosition)) }]
      })
      const clashes: string[] = []
      for (let i = 0; i < labels.length; i++) {
        const a = labels[i] as (typeof labels)[number]
        for (const other of labels.slice(i + 1))
          if (boxesOverlap(a.box, other.box)) clashes.push(`"${a.edge.label}" overlaps "${other.edge.label}"`)
        for (const [nodeId, box] of Object.entries(layout.nodes))
          if (boxesOverlap(a.box, box)) clashes.push(`"${a.edge.label}" overlaps box ${nodeId}`)
      }
      expect(clashes).toEqual([])
    },
  )
})
