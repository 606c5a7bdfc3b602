import type { ArrowEnd, LooseArrow } from '../../loose-arrows'
import { type DesignHint, type DiagramGraph, nameOf } from '../diagram-graph'

/**
 * An arrow that looks like a call but is not one: tldraw ties an arrow end to a shape only when it
 * is dropped onto it, so an end left beside a box (or on a rectangle with no kind) carries no
 * traffic, and nothing else on the board says why. Points at the arrow and the boxes it touches.
 *
 * Which arrows: only those the board reading lists as loose (`shared/diagram/loose-arrows.ts`):
 * an end tied to a box or lying within a few units of one, the other end not tied to a box. An
 * arrow that touches no box is ordinary drawing, and one tied to a note, text or frame annotates a
 * box; neither gets a hint, and a board with no component boxes gets no hints at all.
 */
export function arrowNotAttached(graph: DiagramGraph): DesignHint[] {
  return graph.looseArrows.map((arrow) => ({
    rule: 'arrow-not-attached',
    message: messageFor(graph, arrow),
    shapeIds: [arrow.id, ...new Set([boxOf(arrow.start), boxOf(arrow.end)].filter((id) => id !== null))],
  }))
}

function messageFor(graph: DiagramGraph, arrow: LooseArrow): string {
  const from = boxOf(arrow.start)
  const to = boxOf(arrow.end)
  const which = [from ? `from ${nameOf(graph, from)}` : '', to ? `to ${nameOf(graph, to)}` : '']
  const named = `An arrow ${which.filter(Boolean).join(' ')}`
  if (arrow.start.kind === 'plain' || arrow.end.kind === 'plain')
    return `${named} ends on a shape with no component kind, so it carries no traffic: give that shape a kind`
  const startLoose = arrow.start.kind !== 'box'
  const endLoose = arrow.end.kind !== 'box'
  const where = startLoose && endLoose ? 'either end' : startLoose ? 'its start' : 'its end'
  const drag = startLoose && endLoose ? 'both ends' : startLoose ? 'its start' : 'its end'
  return `${named} is not attached at ${where}, so it carries no traffic: drag ${drag} onto a box`
}

/** The box an end is tied to or lies beside. */
function boxOf(end: ArrowEnd): string | null {
  return end.kind === 'box' || end.kind === 'near' ? end.boxId : null
}
