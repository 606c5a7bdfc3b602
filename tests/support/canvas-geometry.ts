import type { Page } from 'playwright-core'

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** What tldraw rendered for one template on the page: boxes, arrow bodies and arrow labels, in page space. */
export interface RenderedTemplate {
  boxes: Array<{ nodeId: string; rect: Rect }>
  arrows: Array<{
    nodeId: string
    from: string
    to: string
    path: Array<{ x: number; y: number }>
    label: Rect | null
  }>
}

/**
 * Reads tldraw's own geometry (the arrow body it draws, the label box it lays out) for every
 * shape of one template copy, so a test checks what people see rather than what we asked for.
 */
export function renderedTemplate(page: Page, templateId: string): Promise<RenderedTemplate> {
  return page.evaluate((templateId) => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const shapes = editor.getCurrentPageShapes().filter((s) => s.meta.templateId === templateId)
    const rectOf = (b: { x: number; y: number; w: number; h: number }) => ({ x: b.x, y: b.y, w: b.w, h: b.h })
    const boxes = shapes
      .filter((s) => s.type === 'geo')
      .map((s) => ({
        nodeId: String(s.meta.nodeId),
        rect: rectOf(editor.getShapePageBounds(s.id) ?? { x: 0, y: 0, w: 0, h: 0 }),
      }))
    const arrows = shapes
      .filter((s) => s.type === 'arrow')
      .map((s) => {
        const transform = editor.getShapePageTransform(s.id)
        const geometry = editor.getShapeGeometry(s.id) as unknown as {
          children?: Array<{
            isLabel: boolean
            vertices: Array<{ x: number; y: number }>
            bounds: Rect
            interpolateAlongEdge(t: number): { x: number; y: number }
          }>
        }
        const parts = geometry.children ?? []
        const body = parts.find((c) => !c.isLabel)
        const label = parts.find((c) => c.isLabel)
        const toPage = (p: { x: number; y: number }) => transform.applyToPoint(p)
        let labelRect: Rect | null = null
        if (label) {
          const a = toPage({ x: label.bounds.x, y: label.bounds.y })
          const b = toPage({ x: label.bounds.x + label.bounds.w, y: label.bounds.y + label.bounds.h })
          labelRect = {
            x: Math.min(a.x, b.x),
            y: Math.min(a.y, b.y),
            w: Math.abs(b.x - a.x),
            h: Math.abs(b.y - a.y),
          }
        }
        const [from, to] = String(s.meta.nodeId).split('->')
        return {
          nodeId: String(s.meta.nodeId),
          from: from ?? '',
          to: to ?? '',
          // a polyline's corners are its vertices; an arc is sampled along its length
          path: (body && body.vertices.length <= 2
            ? Array.from({ length: 49 }, (_, i) => body.interpolateAlongEdge(i / 48))
            : (body?.vertices ?? [])
          ).map((p) => {
            const q = toPage(p)
            return { x: q.x, y: q.y }
          }),
          label: labelRect,
        }
      })
    return { boxes, arrows }
  }, templateId)
}
