import { type DesignHint, type DiagramGraph, reachableFrom } from '../diagram-graph'

/** Boxes no request can reach from any traffic source: they get no traffic in a run. */
export function unreachableBoxes(graph: DiagramGraph): DesignHint[] {
  if (graph.entries.length === 0) return []
  const reached = reachableFrom(graph, graph.entries)
  const unreachable = graph.boxes.filter((box) => !reached.has(box.id))
  if (unreachable.length === 0) return []
  return [
    {
      rule: 'unreachable-boxes',
      message: `${unreachable.length} box${unreachable.length === 1 ? ' is' : 'es are'} not reachable from any client`,
      shapeIds: unreachable.map((box) => box.id),
    },
  ]
}
