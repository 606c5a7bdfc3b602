import { type DesignHint, type DiagramGraph, nameOf, reachableFrom } from '../diagram-graph'

/**
 * A box with one replica that requests wait on (a sync path from an entry reaches it) and that no
 * balancer with another target covers: when it dies, those requests fail.
 */
export function singleInstanceOnCriticalPath(graph: DiagramGraph): DesignHint[] {
  const critical = reachableFrom(graph, graph.entries, true)
  const covered = (id: string) => {
    const callers = (graph.incoming.get(id) ?? []).filter((call) => call.mode === 'sync')
    return (
      callers.length > 0 &&
      callers.every(
        (call) =>
          graph.byId.get(call.from)?.kind === 'load-balancer' &&
          (graph.outgoing.get(call.from) ?? []).length > 1,
      )
    )
  }
  return graph.boxes
    .filter((box) => box.kind !== 'client' && box.kind !== 'external-api')
    .filter((box) => box.effective.replicas === 1 && critical.has(box.id) && !covered(box.id))
    .map((box) => ({
      rule: 'single-instance',
      message: `${nameOf(graph, box.id)} runs one instance on the request path: if it dies, requests fail`,
      shapeIds: [box.id],
    }))
}
