/**
 * One scheduled happening: [time µs, sequence, kind, frame id (or box index for a source), token].
 * The sequence breaks ties in scheduling order, so the order is total and the same everywhere.
 */
export type ScheduledEvent = [time: number, seq: number, kind: EventKind, subject: number, token: number]

export const EventKind = {
  /** A traffic source sends its next request (subject: box index). */
  source: 0,
  /** A call reaches its box. */
  arrive: 1,
  /** A box finished its own work on a call (service + base latency). */
  served: 2,
  /** A caller stops waiting for its call. */
  timeout: 3,
  /** A caller's backoff is over: it tries its call again. */
  retry: 4,
} as const
export type EventKind = (typeof EventKind)[keyof typeof EventKind]

const before = (a: ScheduledEvent, b: ScheduledEvent) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])

/** Adds an event to a binary min-heap held in a plain array (in place). */
export function pushEvent(heap: ScheduledEvent[], event: ScheduledEvent): void {
  heap.push(event)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    if (!before(event, heap[parent] as ScheduledEvent)) break
    heap[i] = heap[parent] as ScheduledEvent
    i = parent
  }
  heap[i] = event
}

/** Removes and returns the earliest event (in place). */
export function popEvent(heap: ScheduledEvent[]): ScheduledEvent | undefined {
  const top = heap[0]
  const last = heap.pop()
  if (top === undefined || last === undefined || heap.length === 0) return top
  let i = 0
  const n = heap.length
  for (;;) {
    const left = 2 * i + 1
    if (left >= n) break
    const right = left + 1
    const child =
      right < n && before(heap[right] as ScheduledEvent, heap[left] as ScheduledEvent) ? right : left
    if (!before(heap[child] as ScheduledEvent, last)) break
    heap[i] = heap[child] as ScheduledEvent
    i = child
  }
  heap[i] = last
  return top
}

/** A heap of `events` in canonical order: sorted by time then sequence (a sorted array is a heap). */
export function canonicalHeap(events: ScheduledEvent[]): ScheduledEvent[] {
  return events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}
