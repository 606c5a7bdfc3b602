import type { DesignHint, DiagramGraph } from '../diagram-graph'

/** How many boxes a synchronous chain may hold after its entry before it gets a hint. */
export const DEFAULT_MAX_SYNC_DEPTH = 5

/**
 * The longest chain of synchronous calls from an entry, when it holds more than `maxDepth` boxes:
 * every hop adds its latency and its failures to each request. Cycles are cut where they close.
 */
export function deepSyncChain(graph: DiagramGraph, maxDepth = DEFAULT_MAX_SYNC_DEPTH): DesignHint[] {
  const longest = new Map<string, string[]>()
  const onPath = new Set<string>()
  const walk = (id: string): string[] => {
    const known = longest.get(id)
    if (known) return known
    onPath.add(id)
    let best: string[] = []
    for (const call of graph.outgoing.get(id) ?? []) {
      if (call.mode !== 'sync' || onPath.has(call.to)) continue
      const path = walk(call.to)
      if (path.length > best.length) best = path
    }
    onPath.delete(id)
    const path = [id, ...best]
    longest.set(id, path)
    return path
  }
  let deepest: string[] = []
  for (const entry of graph.entries) {
    const chain = walk(entry).slice(1)
    if (chain.length > deepest.length) deepest = chain
  }
  if (deepest.length <= maxDepth) return []
  return [
    {
      rule: 'deep-sync-chain',
      message: `A request waits on ${deepest.length} boxes in a row: latencies add up and any one failing fails it`,
      shapeIds: deepest,
    },
  ]
}
