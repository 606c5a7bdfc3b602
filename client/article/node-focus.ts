import type { Editor, TLShape } from 'tldraw'
import { aimCamera } from '../board/board-camera'

/** The boxes that picture a template node: meta.nodeId matches; the article's template first. */
export function boxesForNode(editor: Editor, nodeId: string, templateId: string | null): TLShape[] {
  const all = editor.getCurrentPageShapes().filter((s) => s.meta.nodeId === nodeId)
  const preferred = all.filter((s) => s.meta.templateId === templateId)
  return preferred.length > 0 ? preferred : all
}

const CAMERA_MS = 450
const PULSE_MS = 1600

/**
 * Moves the camera to a node's boxes and pulses them with an overlay ring (never a document
 * write, so nothing lands in anyone's undo). Returns false when no box pictures the node.
 */
export function focusNode(editor: Editor, nodeId: string, templateId: string | null): boolean {
  const shapes = boxesForNode(editor, nodeId, templateId)
  const bounds = shapes.map((s) => editor.getShapePageBounds(s)).filter((b) => b !== undefined)
  const first = bounds[0]
  if (!first) return false
  const union = bounds.reduce((acc, b) => acc.union(b), first.clone())
  aimCamera(editor, union.clone().expandBy(160), { animate: true })
  window.setTimeout(() => pulse(editor, bounds), CAMERA_MS + 30)
  return true
}

function pulse(editor: Editor, bounds: { minX: number; minY: number; maxX: number; maxY: number }[]) {
  const container = editor.getContainer().getBoundingClientRect()
  for (const b of bounds) {
    const topLeft = editor.pageToViewport({ x: b.minX, y: b.minY })
    const bottomRight = editor.pageToViewport({ x: b.maxX, y: b.maxY })
    const ring = document.createElement('div')
    ring.className = 'node-pulse'
    ring.dataset.testid = 'node-pulse'
    ring.style.left = `${container.left + topLeft.x}px`
    ring.style.top = `${container.top + topLeft.y}px`
    ring.style.width = `${bottomRight.x - topLeft.x}px`
    ring.style.height = `${bottomRight.y - topLeft.y}px`
    document.body.appendChild(ring)
    window.setTimeout(() => ring.remove(), PULSE_MS)
  }
}
