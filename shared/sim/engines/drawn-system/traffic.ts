import type { Random } from '../../random'
import { EventKind, popEvent, pushEvent, type ScheduledEvent } from './event-heap'
import { drawDurationUs } from './exponential'
import { bucketOf } from './latency-histogram'
import {
  CACHE_WARM_TICKS,
  type DrawnSystemState,
  type Frame,
  HARD_TIMEOUT_US,
  type Resolved,
  resolve,
  type TickCounts,
  type Topology,
  usOf,
} from './model'
import { admit, occupy } from './replica-pool'
import { planCalls } from './routing'

/**
 * One tick of traffic as a discrete-event simulation (in place on a copied state): every request
 * is simulated; events run in (time, sequence) order, so each box sees its arrivals in time order
 * and serves them first come, first served on its earliest-free replica (an M/M/c queue when the
 * arrivals are Poisson). A box holds a replica only for its own service time, never while it
 * waits on its calls.
 */
export class TickRun {
  readonly frames: Map<number, Frame>
  readonly latencies = new Map<number, number>()
  private readonly pendingHead: number[]
  private readonly side: Uint8Array
  private readonly endUs: number
  /** Properties, chaos and call settings in force this tick (they change only between ticks). */
  private readonly now: Resolved

  constructor(
    private readonly state: DrawnSystemState,
    private readonly topology: Topology,
    private readonly random: Random,
    private readonly counts: TickCounts,
    endUs: number,
  ) {
    this.frames = new Map(state.frames.map((frame) => [frame.id, frame]))
    this.pendingHead = state.boxes.map(() => 0)
    this.endUs = endUs
    this.now = resolve(state)
    this.side = new Uint8Array(state.boxes.length)
    for (const i of state.partition?.a ?? []) this.side[i] = 1
    for (const i of state.partition?.b ?? []) this.side[i] = 2
  }

  /** Runs every event due before the end of the tick. */
  run(): void {
    const heap = this.state.events
    while (heap.length > 0 && (heap[0] as ScheduledEvent)[0] < this.endUs) {
      const [time, , kind, subject, token] = popEvent(heap) as ScheduledEvent
      switch (kind) {
        case EventKind.source:
          this.source(subject, token, time)
          break
        case EventKind.arrive:
          this.arrive(subject, time)
          break
        case EventKind.served:
          this.served(subject, time)
          break
        case EventKind.timeout:
          this.timeout(subject, token, time)
          break
        case EventKind.retry:
          this.retry(subject, token, time)
          break
      }
    }
  }

  /** Trims served waits, counts queues and busy replicas at the end of the tick (in place). */
  finish(): void {
    this.state.boxes.forEach((box, i) => {
      const waiting = box.pending.slice(this.pendingHead[i]).filter((start) => start > this.endUs)
      box.pending = waiting
      this.counts.queue[i] = waiting.length
      this.counts.busy[i] = box.free.filter((free) => free > this.endUs).length
    })
    this.state.frames = [...this.frames.values()]
  }

  /** Schedules a source's next request, a Poisson stream at its rate (spikes included). */
  scheduleSource(box: number, fromUs: number): void {
    const props = this.now.props[box]
    if (!props) return
    const rate = props.ratePerSecond * (this.state.spike?.factor ?? 1)
    if (this.now.chaos[box]?.killed || rate <= 0) return
    const gap = drawDurationUs(this.random, 1_000_000 / rate)
    this.schedule(fromUs + gap, EventKind.source, box, this.now.sourceTokens[box] ?? 0)
  }

  private source(box: number, token: number, time: number): void {
    if (token !== this.now.sourceTokens[box]) return
    this.scheduleSource(box, time)
    const frame = this.newFrame(box, 0, 0, time)
    frame.plan = this.plan(box)
    this.proceed(frame, time)
  }

  private arrive(id: number, time: number): void {
    const frame = this.frames.get(id)
    if (!frame) return
    const b = frame.box
    const box = this.state.boxes[b]
    const props = this.now.props[b]
    const chaos = this.now.chaos[b]
    if (!box || !props || !chaos) return
    bump(this.counts.arrivals, b)
    bump(this.state.totals.arrivals, b)
    if (chaos.killed) {
      bump(this.counts.errors, b)
      this.respond(frame, false, time)
      return
    }
    const admitted = admit(box, this.pendingHead, b, props.queueLimit, time)
    if (admitted === null) {
      bump(this.counts.rejected, b)
      bump(this.counts.errors, b)
      this.respond(frame, false, time)
      return
    }
    const service = drawDurationUs(this.random, (1_000_000 / props.capacityPerReplica) * chaos.slow)
    const start = occupy(box, admitted, time, service)
    bump(this.counts.accepted, b)
    bump(this.counts.busyUs, b, service)
    const { totals } = this.state
    bump(totals.accepted, b)
    bump(totals.waitUs, b, start - time)
    bump(totals.sojournUs, b, start - time + service)
    this.schedule(start + service + usOf(props.baseLatencyMs * chaos.slow), EventKind.served, id, 0)
  }

  private served(id: number, time: number): void {
    const frame = this.frames.get(id)
    if (!frame) return
    const b = frame.box
    const props = this.now.props[b]
    const chaos = this.now.chaos[b]
    if (!props || !chaos) return
    bump(this.counts.served, b)
    const failure = Math.max(props.failureProbability, chaos.errorRate)
    if (chaos.killed || (failure > 0 && this.random.chance(failure))) {
      bump(this.counts.errors, b)
      bump(this.state.totals.errors, b)
      this.respond(frame, false, time)
      return
    }
    if (this.topology.caching[b]) {
      bump(this.counts.lookups, b)
      if (this.random.chance(this.hitRatio(b))) {
        bump(this.counts.hits, b)
        this.respond(frame, true, time)
        return
      }
      if ((this.topology.outgoing[b] ?? []).length === 0) {
        // a miss with nothing behind the cache has no answer
        bump(this.counts.errors, b)
        bump(this.state.totals.errors, b)
        this.respond(frame, false, time)
        return
      }
    }
    frame.plan = this.plan(b)
    this.proceed(frame, time)
  }

  /** The hit ratio now: a flushed cache warms back linearly over CACHE_WARM_TICKS. */
  private hitRatio(b: number): number {
    const ratio = this.now.props[b]?.cacheHitRatio ?? 0
    const flushedAt = this.now.chaos[b]?.flushedAt ?? null
    if (flushedAt === null) return ratio
    const age = this.state.tick - flushedAt
    return age >= CACHE_WARM_TICKS ? ratio : (ratio * age) / CACHE_WARM_TICKS
  }

  /** The calls one visit makes (see planCalls). */
  private plan(b: number, excluding = -1): number[] {
    return planCalls(this.topology, this.now, this.random, b, excluding)
  }

  /** Makes the visit's remaining calls: hand-offs at once, then the next sync call (or answers). */
  private proceed(frame: Frame, time: number): void {
    while (frame.step < frame.plan.length) {
      const call = frame.plan[frame.step] as number
      const to = this.topology.target[call] as number
      const async = this.now.calls[call]?.mode === 'async' || this.topology.buffer[frame.box]
      bump(this.counts.calls, call)
      bump(this.state.totals.calls, call)
      if (!async) {
        this.issue(frame, to, time)
        return
      }
      if (this.partitioned(frame.box, to)) this.counts.asyncFailed++
      else this.schedule(time, EventKind.arrive, this.newFrame(to, frame.id, 2, time).id, 0)
      frame.step++
    }
    this.respond(frame, true, time)
  }

  private issue(frame: Frame, to: number, time: number): void {
    const props = this.now.props[frame.box]
    const timeoutUs = props?.timeoutMs == null ? HARD_TIMEOUT_US : usOf(props.timeoutMs)
    frame.token++
    if (this.partitioned(frame.box, to)) frame.waiting = -1
    else {
      const child = this.newFrame(to, frame.id, 1, time)
      frame.waiting = child.id
      this.schedule(time, EventKind.arrive, child.id, 0)
    }
    this.schedule(time + timeoutUs, EventKind.timeout, frame.id, frame.token)
  }

  private timeout(id: number, token: number, time: number): void {
    const frame = this.frames.get(id)
    if (!frame || frame.token !== token || frame.waiting === 0) return
    frame.waiting = 0
    frame.token++
    bump(this.counts.timeouts, frame.box)
    this.retryOrFail(frame, time)
  }

  private retry(id: number, token: number, time: number): void {
    const frame = this.frames.get(id)
    if (!frame || frame.token !== token) return
    const call = frame.plan[frame.step] as number
    if (this.topology.routing[frame.box]) {
      // a routing box sends the retry to another target when it has one
      const repick = this.plan(frame.box, this.topology.target[call] as number)
      frame.plan = [...frame.plan.slice(0, frame.step), ...repick, ...frame.plan.slice(frame.step + 1)]
    }
    const next = frame.plan[frame.step] as number
    bump(this.counts.calls, next)
    bump(this.state.totals.calls, next)
    this.issue(frame, this.topology.target[next] as number, time)
  }

  private retryOrFail(frame: Frame, time: number): void {
    const props = this.now.props[frame.box]
    if (!props || frame.attempt > props.retries) {
      this.respond(frame, false, time)
      return
    }
    const backoff = usOf(props.backoffMs) * (1 << (frame.attempt - 1))
    frame.attempt++
    frame.token++
    this.schedule(time + backoff, EventKind.retry, frame.id, frame.token)
  }

  /** A visit answers: its caller, still waiting, goes on or retries; a client's request is done. */
  private respond(frame: Frame, ok: boolean, time: number): void {
    this.frames.delete(frame.id)
    if (frame.origin === 0) {
      if (!ok) {
        this.counts.failed++
        return
      }
      // latency percentiles are those of answered requests: a refused request is an error, not a fast answer
      this.counts.ok++
      const bucket = bucketOf(time - frame.startUs)
      this.latencies.set(bucket, (this.latencies.get(bucket) ?? 0) + 1)
      return
    }
    if (frame.origin === 2) {
      if (ok) this.counts.asyncDone++
      else this.counts.asyncFailed++
      return
    }
    const caller = this.frames.get(frame.parent)
    if (!caller || caller.waiting !== frame.id) return // the caller gave up: the work was wasted
    caller.waiting = 0
    caller.token++
    if (ok) {
      caller.step++
      caller.attempt = 1
      this.proceed(caller, time)
    } else this.retryOrFail(caller, time)
  }

  private partitioned(from: number, to: number): boolean {
    const a = this.side[from] as number
    const b = this.side[to] as number
    return a !== 0 && b !== 0 && a !== b
  }

  private newFrame(box: number, parent: number, origin: Frame['origin'], time: number): Frame {
    const frame: Frame = {
      id: this.state.nextFrameId++,
      box,
      parent,
      origin,
      startUs: time,
      plan: [],
      step: 0,
      attempt: 1,
      waiting: 0,
      token: 0,
    }
    this.frames.set(frame.id, frame)
    return frame
  }

  private schedule(time: number, kind: EventKind, subject: number, token: number): void {
    pushEvent(this.state.events, [time, this.state.nextSeq++, kind, subject, token])
  }
}

/** Adds to one slot of a count array (in place). */
function bump(counts: number[], index: number, by = 1): void {
  counts[index] = (counts[index] ?? 0) + by
}
