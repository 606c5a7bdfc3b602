import type { BoxRuntime } from './model'

/**
 * A box's replicas serve first come, first served: each request takes the earliest-free replica
 * (with Poisson arrivals and exponential service, an M/M/c queue). Starts therefore never
 * decrease, so the requests still waiting are a FIFO suffix of `pending`.
 */

/**
 * Whether a request arriving at `time` may wait: no more than `queueLimit` others waiting, or a
 * replica free now. Returns the replica it will take, or null when it is refused. Moves the box's
 * `heads[b]` past the requests that have started by now (in place).
 */
export function admit(
  box: BoxRuntime,
  heads: number[],
  b: number,
  queueLimit: number,
  time: number,
): number | null {
  const { pending, free } = box
  let head = heads[b] as number
  while (head < pending.length && (pending[head] as number) <= time) head++
  heads[b] = head
  let replica = 0
  for (let r = 1; r < free.length; r++) if ((free[r] as number) < (free[replica] as number)) replica = r
  const waiting = pending.length - head
  if (waiting >= queueLimit && (free[replica] as number) > time) return null
  return replica
}

/** The request holds `replica` for `service` µs from when it is free; returns its start (in place). */
export function occupy(box: BoxRuntime, replica: number, time: number, service: number): number {
  const start = Math.max(time, box.free[replica] as number)
  box.free[replica] = start + service
  if (start > time) box.pending.push(start)
  return start
}
