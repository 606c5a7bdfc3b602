import { boxNames } from '../box-names'
import { type ComponentKind, type ComponentProps, effectiveProps } from '../components'
import type { GraphSnapshot, SnapshotBox, SnapshotCall } from '../graph-snapshot'
import type { LooseArrow } from '../loose-arrows'

/** A design hint: what is wrong, in words, and the shapes it concerns (issue 15 §6). */
export interface DesignHint {
  rule: string
  message: string
  shapeIds: string[]
}

/** A snapshot read as a graph: boxes with their effective properties, calls both ways. */
export interface DiagramGraph {
  boxes: ReadonlyArray<SnapshotBox & { effective: ComponentProps }>
  byId: ReadonlyMap<string, SnapshotBox & { effective: ComponentProps }>
  outgoing: ReadonlyMap<string, SnapshotCall[]>
  incoming: ReadonlyMap<string, SnapshotCall[]>
  /** Traffic sources: where requests enter. */
  entries: string[]
  /** What a hint calls each box: its label, or its kind's name numbered ("Service 2"). */
  names: ReadonlyMap<string, string>
  /** Arrows that touch a box but are not calls (none when the reading gave none). */
  looseArrows: readonly LooseArrow[]
}

/** What the hint rules read: a snapshot's boxes and calls, and the loose arrows the board reading found. */
export type HintInput = Pick<GraphSnapshot, 'boxes' | 'calls'> & { looseArrows?: readonly LooseArrow[] }

/** Indexes a snapshot for the hint rules. */
export function diagramGraph(snapshot: HintInput): DiagramGraph {
  const boxes = snapshot.boxes.map((box) => ({ ...box, effective: effectiveProps(box.kind, box.props) }))
  const outgoing = new Map<string, SnapshotCall[]>(boxes.map((box) => [box.id, []]))
  const incoming = new Map<string, SnapshotCall[]>(boxes.map((box) => [box.id, []]))
  for (const call of snapshot.calls) {
    outgoing.get(call.from)?.push(call)
    incoming.get(call.to)?.push(call)
  }
  return {
    boxes,
    byId: new Map(boxes.map((box) => [box.id, box])),
    outgoing,
    incoming,
    entries: boxes.filter((box) => box.kind === 'client').map((box) => box.id),
    names: boxNames(snapshot),
    looseArrows: snapshot.looseArrows ?? [],
  }
}

/** What hints call a box. */
export function nameOf(graph: DiagramGraph, id: string): string {
  return graph.names.get(id) ?? id
}

/** The kind of a box, or undefined for an id not on the diagram. */
export function kindOf(graph: DiagramGraph, id: string): ComponentKind | undefined {
  return graph.byId.get(id)?.kind
}

/** Every box reachable from `from` along calls (only sync ones when `syncOnly`), `from` included. */
export function reachableFrom(graph: DiagramGraph, from: readonly string[], syncOnly = false): Set<string> {
  const seen = new Set<string>(from)
  const stack = [...from]
  while (stack.length > 0) {
    const id = stack.pop() as string
    for (const call of graph.outgoing.get(id) ?? []) {
      if (syncOnly && call.mode !== 'sync') continue
      if (!seen.has(call.to)) {
        seen.add(call.to)
        stack.push(call.to)
      }
    }
  }
  return seen
}
