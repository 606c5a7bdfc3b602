import { beforeAll, describe, expect, it } from 'vitest'
import { loadTemplates } from '../../server/content/template-catalog'
import { TOPICS } from '../../shared/content/topics'
import { type Box, type LaidOutTemplate, layoutTemplate } from '../../shared/templates/layout'
import type { Template } from '../../shared/templates/template-schema'
import { templateToRecords } from '../../shared/templates/to-tldraw'

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

describe('the shipped templates', () => {
  const templates: Template[] = loadTemplates('content/templates')
  const laidOut = new Map<string, LaidOutTemplate>()
  beforeAll(async () => {
    for (const t of templates) laidOut.set(t.id, await layoutTemplate(t))
  }, 120_000) // ELK lays out fifteen diagrams; a busy machine needs the room

  it('cover every seed topic', () => {
    const covered = new Set(templates.map((t) => t.topic))
    for (const topic of TOPICS) expect(covered, `no template for ${topic.id}`).toContain(topic.id)
  })

  it('include the three flagships', () => {
    const ids = templates.map((t) => t.id)
    for (const id of ['cell-based', 'medallion-lakehouse', 'kappa-pipeline', 'lambda-architecture']) {
      expect(ids).toContain(id)
    }
  })

  describe.each(templates.map((t) => [t.id, t] as const))('%s', (id, template) => {
    it('lays out without overlapping boxes, with every box inside its frame', () => {
      const layout = laidOut.get(id) as LaidOutTemplate
      const boxes = template.nodes.map((n) => [n.id, layout.nodes[n.id] as Box] as const)
      for (const [nodeId, box] of boxes) expect(box, `${nodeId} has a place`).toBeDefined()
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, boxA] = boxes[i] as readonly [string, Box]
          const [b, boxB] = boxes[j] as readonly [string, Box]
          expect(overlaps(boxA, boxB), `${a} overlaps ${b}`).toBe(false)
        }
      }
      for (const node of template.nodes) {
        if (node.group)
          expect(inside(layout.nodes[node.id] as Box, layout.groups[node.group] as Box)).toBe(true)
      }
    })

    it('renders one shape per node, group and note, one arrow per edge, bound at both ends', () => {
      const layout = laidOut.get(id) as LaidOutTemplate
      const { shapes, bindings } = templateToRecords(layout, {
        insertionId: 'ins1',
        center: { x: 0, y: 0 },
        pageId: 'page:page' as never,
      })
      const count = (type: string) => shapes.filter((s) => s.type === type).length
      expect(count('geo')).toBe(template.nodes.length)
      expect(count('frame')).toBe(template.groups.length)
      expect(count('note')).toBe(template.notes.length)
      expect(count('arrow')).toBe(template.edges.length)
      expect(bindings).toHaveLength(template.edges.length * 2)
      expect(new Set(shapes.map((s) => s.id)).size).toBe(shapes.length)
      const shapeIds = new Set(shapes.map((s) => s.id))
      for (const b of bindings) expect(shapeIds.has(b.toId) && shapeIds.has(b.fromId)).toBe(true)
      for (const s of shapes) expect(s.meta).toMatchObject({ templateId: id, insertionId: 'ins1' })
    })
  })
})
