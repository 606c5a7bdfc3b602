import { type DesignHint, type DiagramGraph, nameOf } from '../diagram-graph'

const DEAD_LETTER_LABEL = /dead|dlq/i

/** A queue with no path for messages that keep failing: a poison message is retried forever. */
export function queueWithoutDeadLetter(graph: DiagramGraph): DesignHint[] {
  return graph.boxes
    .filter((box) => box.kind === 'queue' && !DEAD_LETTER_LABEL.test(box.label))
    .filter(
      (queue) =>
        !(graph.outgoing.get(queue.id) ?? []).some((call) => {
          const target = graph.byId.get(call.to)
          return target?.kind === 'queue' || DEAD_LETTER_LABEL.test(target?.label ?? '')
        }),
    )
    .map((queue) => ({
      rule: 'queue-without-dead-letter',
      message: `${nameOf(graph, queue.id)} has no dead-letter queue: a message that always fails is retried forever`,
      shapeIds: [queue.id],
    }))
}
