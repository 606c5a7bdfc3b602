import { type DesignHint, type DiagramGraph, nameOf } from '../diagram-graph'

/** A box that retries its sync calls with no timeout, or with no backoff: retries pile onto a struggling dependency. */
export function retriesWithoutTimeoutOrBackoff(graph: DiagramGraph): DesignHint[] {
  return graph.boxes
    .filter((box) => box.effective.retries > 0)
    .filter((box) => (graph.outgoing.get(box.id) ?? []).some((call) => call.mode === 'sync'))
    .filter((box) => box.effective.timeoutMs === null || box.effective.backoffMs === 0)
    .map((box) => {
      const missing = [
        ...(box.effective.timeoutMs === null ? ['a timeout'] : []),
        ...(box.effective.backoffMs === 0 ? ['a backoff'] : []),
      ].join(' or ')
      return {
        rule: 'retries-without-limits',
        message: `${nameOf(graph, box.id)} retries ${box.effective.retries}× without ${missing}`,
        shapeIds: [box.id],
      }
    })
}
