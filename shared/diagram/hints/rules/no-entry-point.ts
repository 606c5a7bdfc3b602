import type { DesignHint, DiagramGraph } from '../diagram-graph'

/** No traffic source: nothing sends requests, so a run shows nothing. Points at the boxes nothing calls. */
export function noEntryPoint(graph: DiagramGraph): DesignHint[] {
  if (graph.entries.length > 0 || graph.boxes.length === 0) return []
  const uncalled = graph.boxes.filter((box) => (graph.incoming.get(box.id) ?? []).length === 0)
  return [
    {
      rule: 'no-entry-point',
      message: 'No client or traffic source: give the box where requests come in the kind "client"',
      shapeIds: (uncalled.length > 0 ? uncalled : graph.boxes).map((box) => box.id),
    },
  ]
}
