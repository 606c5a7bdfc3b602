/**
 * A FIFO queue stored as runs of messages that arrived in the same tick, so a backlog of
 * thousands stays a few entries of state while every message keeps its real enqueue tick.
 * Poison messages are single entries: they fail whichever worker receives them.
 */
export type QueueEntry =
  | { kind: 'batch'; enqueuedAt: number; count: number }
  | { kind: 'poison'; id: number; enqueuedAt: number; receives: number }

/** Messages waiting in the queue (poison ones included). */
export function queueLength(queue: readonly QueueEntry[]): number {
  return queue.reduce((total, entry) => total + (entry.kind === 'batch' ? entry.count : 1), 0)
}

/** Healthy messages waiting in the queue (the ones that count for Little's law). */
export function healthyBacklog(queue: readonly QueueEntry[]): number {
  return queue.reduce((total, entry) => total + (entry.kind === 'batch' ? entry.count : 0), 0)
}

/** Appends `count` messages that arrived at `tick` (in place). */
export function enqueueBatch(queue: QueueEntry[], tick: number, count: number): void {
  if (count > 0) queue.push({ kind: 'batch', enqueuedAt: tick, count })
}

/** What one worker did in one tick. */
export type Receipt =
  | { kind: 'completed'; count: number; sojournTicks: number; waitTicks: number }
  | { kind: 'poisoned'; message: Extract<QueueEntry, { kind: 'poison' }> }

/**
 * One worker receives up to `capacity` messages from the head of the queue at `tick` (in place).
 * A message's time in the system counts the tick it arrived and the tick it was served, so a
 * message served on arrival spent 1 tick there and waited 0.
 */
export function receive(queue: QueueEntry[], tick: number, capacity: number): Receipt {
  const head = queue[0]
  if (head?.kind === 'poison') {
    queue.shift()
    return { kind: 'poisoned', message: { ...head, receives: head.receives + 1 } }
  }
  let count = 0
  let waitTicks = 0
  while (count < capacity) {
    const entry = queue[0]
    if (entry?.kind !== 'batch') break
    const taken = Math.min(capacity - count, entry.count)
    count += taken
    waitTicks += taken * (tick - entry.enqueuedAt)
    if (taken === entry.count) queue.shift()
    else queue[0] = { ...entry, count: entry.count - taken }
  }
  return { kind: 'completed', count, waitTicks, sojournTicks: waitTicks + count }
}
