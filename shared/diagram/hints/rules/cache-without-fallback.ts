import { type DesignHint, type DiagramGraph, nameOf } from '../diagram-graph'

/** A cache (or CDN) with nothing behind it: a miss has nowhere to go, so it fails. */
export function cacheWithoutFallback(graph: DiagramGraph): DesignHint[] {
  return graph.boxes
    .filter((box) => box.kind === 'cache' || box.kind === 'cdn')
    .filter((cache) => (graph.outgoing.get(cache.id) ?? []).length === 0)
    .map((cache) => ({
      rule: 'cache-without-fallback',
      message: `${nameOf(graph, cache.id)} has no store behind it: every miss fails (draw an arrow to its source)`,
      shapeIds: [cache.id],
    }))
}
