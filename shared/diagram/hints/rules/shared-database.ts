import { type DesignHint, type DiagramGraph, nameOf } from '../diagram-graph'

const WRITER_KINDS = new Set(['service', 'worker', 'gateway', 'model-endpoint'])

/** A database two or more services call directly: its schema becomes a contract nobody owns. */
export function sharedDatabase(graph: DiagramGraph): DesignHint[] {
  return graph.boxes
    .filter((box) => box.kind === 'database')
    .flatMap((db) => {
      const writers = [
        ...new Set(
          (graph.incoming.get(db.id) ?? [])
            .map((call) => call.from)
            .filter((from) => WRITER_KINDS.has(graph.byId.get(from)?.kind ?? '')),
        ),
      ]
      if (writers.length < 2) return []
      return [
        {
          rule: 'shared-database',
          message: `${writers.length} services write ${nameOf(graph, db.id)}: one schema change breaks them all`,
          shapeIds: [db.id, ...writers],
        },
      ]
    })
}
