import type { ComponentKind } from './components'
import type { GraphSnapshot } from './graph-snapshot'

/** Each kind's one display name, as the panel and menus write it. */
export const KIND_NAMES: Readonly<Record<ComponentKind, string>> = {
  client: 'client',
  cdn: 'CDN',
  'load-balancer': 'load balancer',
  gateway: 'gateway',
  service: 'service',
  cache: 'cache',
  database: 'database',
  replica: 'replica',
  queue: 'queue',
  worker: 'worker',
  stream: 'stream',
  'object-store': 'object store',
  'model-endpoint': 'model endpoint',
  'external-api': 'external API',
}

type Graph = Pick<GraphSnapshot, 'boxes' | 'calls'>

/**
 * Box ids in flow order: from the traffic sources along the calls (breadth first), then the boxes
 * no source reaches. Stable: ties follow the snapshot's own order.
 */
export function flowOrder(graph: Graph): string[] {
  const order = graph.boxes.filter((box) => box.kind === 'client').map((box) => box.id)
  const seen = new Set(order)
  const visit = (from: number) => {
    for (let i = from; i < order.length; i++) {
      for (const call of graph.calls) {
        if (call.from === order[i] && !seen.has(call.to)) {
          seen.add(call.to)
          order.push(call.to)
        }
      }
    }
  }
  visit(0)
  for (const box of graph.boxes) {
    if (seen.has(box.id)) continue
    seen.add(box.id)
    const start = order.length
    order.push(box.id)
    visit(start)
  }
  return order
}

/**
 * A name per box that tells boxes apart: its label, or its kind's name ("Service"); names worn by
 * more than one box are numbered in flow order ("Service 1", "Service 2").
 */
export function boxNames(graph: Graph): Map<string, string> {
  const byId = new Map(graph.boxes.map((box) => [box.id, box]))
  const base = (id: string) => {
    const box = byId.get(id)
    if (!box) return id
    return box.label.trim() || capitalised(KIND_NAMES[box.kind])
  }
  const order = flowOrder(graph)
  const count = new Map<string, number>()
  for (const id of order) count.set(base(id), (count.get(base(id)) ?? 0) + 1)
  const seen = new Map<string, number>()
  const names = new Map<string, string>()
  for (const id of order) {
    const name = base(id)
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    names.set(id, (count.get(name) ?? 0) > 1 ? `${name} ${n}` : name)
  }
  return names
}

/** The text with its first letter in upper case. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
