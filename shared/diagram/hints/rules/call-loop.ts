import { flowOrder } from '../../box-names'
import { type DesignHint, type DiagramGraph, nameOf, reachableFrom } from '../diagram-graph'

/**
 * Calls that come back to a box they left (A → B → A): each request makes the loop again, so the
 * boxes on it saturate. One hint per loop, naming one way round and pointing at every box on it.
 */
export function callLoop(graph: DiagramGraph): DesignHint[] {
  const snapshot = { boxes: [...graph.boxes], calls: [...graph.outgoing.values()].flat() }
  const reach = new Map<string, Set<string>>()
  const reaches = (from: string, to: string) => {
    let seen = reach.get(from)
    if (!seen) {
      const next = (graph.outgoing.get(from) ?? []).map((call) => call.to)
      seen = reachableFrom(graph, next)
      reach.set(from, seen)
    }
    return seen.has(to)
  }
  const done = new Set<string>()
  const hints: DesignHint[] = []
  for (const id of flowOrder(snapshot)) {
    if (done.has(id) || !reaches(id, id)) continue
    const loop = graph.boxes.filter((box) => reaches(id, box.id) && reaches(box.id, id)).map((b) => b.id)
    for (const box of loop) done.add(box)
    const way = shortestWayBack(graph, id, new Set(loop))
    hints.push({
      rule: 'call-loop',
      message: `Calls go round in a loop: ${[...way, id].map((box) => nameOf(graph, box)).join(' → ')}`,
      shapeIds: loop,
    })
  }
  return hints
}

/** The boxes of the shortest walk from `start` back to itself, staying inside `loop`. */
function shortestWayBack(graph: DiagramGraph, start: string, loop: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string
    for (const call of graph.outgoing.get(id) ?? []) {
      if (call.to === start) {
        const way = [id]
        while (way[0] !== start) way.unshift(cameFrom.get(way[0] as string) as string)
        return way
      }
      if (!loop.has(call.to) || cameFrom.has(call.to)) continue
      cameFrom.set(call.to, id)
      queue.push(call.to)
    }
  }
  return [start]
}
