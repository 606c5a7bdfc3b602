import type { Random } from '../../random'
import type { CallChainState } from '../call-chain'
import { allowCall, recordResult } from './breaker'
import { type EndpointId, type HopId, isDependency, nextHop, type ServiceId } from './topology'

/** One call in flight: it holds a thread of `service` until it answers its caller. */
export interface Call {
  id: number
  service: HopId
  endpoint: EndpointId
  /** The waiting caller; null for a client request at the gateway, or once the caller gave up. */
  parent: number | null
  isRoot: boolean
  attempt: number
  startedAt: number
  /** The call this one is waiting on, and when it stops waiting. */
  child: number | null
  childDeadline: number
  /** When a dependency answers, or a failing service fails, and with what. */
  doneAt: number | null
  ok: boolean
}

/** What happened in one tick, per endpoint and per edge. */
export interface TickCounts {
  arrived: Record<EndpointId, number>
  succeeded: Record<EndpointId, number>
  failed: Record<EndpointId, number>
  latencyTicks: Record<EndpointId, number>
  attempts: Record<string, number>
  rejected: Record<string, number>
  timeouts: Record<string, number>
}

/**
 * The mutable working set of one tick: calls by id, threads in use per hop and per outgoing edge,
 * kept in step as calls start and end so pool checks stay O(1).
 */
export class CallTable {
  readonly calls: Map<number, Call>
  readonly inPool = new Map<string, number>()
  readonly outgoing = new Map<string, number>()

  constructor(
    private readonly state: CallChainState,
    private readonly random: Random,
    private readonly counts: TickCounts,
  ) {
    this.calls = new Map(state.calls.map((call) => [call.id, call]))
    for (const call of state.calls) {
      this.bump(this.inPool, call.service, 1)
      const child = call.child === null ? undefined : this.calls.get(call.child)
      if (child) this.bump(this.outgoing, `${call.service}->${child.service}`, 1)
    }
  }

  /** A client request reaches the gateway; it fails at once if the gateway's pool is full. */
  arrive(endpoint: EndpointId, tick: number): void {
    this.counts.arrived[endpoint]++
    const gateway: HopId = 'api-gateway'
    if ((this.inPool.get(gateway) ?? 0) >= this.state.pools[gateway]) {
      this.bump(this.counts.rejected, `clients->${gateway}`, 1)
      this.counts.failed[endpoint]++
      return
    }
    const call = this.create(gateway, endpoint, null, tick)
    call.isRoot = true
    this.start(call, tick)
  }

  /** Dependencies and failing services whose answer is due now answer, oldest call first. */
  answerDue(tick: number): void {
    const due = [...this.calls.values()].filter((call) => call.doneAt !== null && call.doneAt <= tick)
    for (const call of due) this.respond(call, call.ok, tick)
  }

  /** Callers whose deadline passed stop waiting; the abandoned call keeps its thread until it ends. */
  expireDeadlines(tick: number): void {
    const expired = [...this.calls.values()].filter(
      (call) => call.child !== null && call.childDeadline <= tick,
    )
    for (const caller of expired) {
      if (!this.calls.has(caller.id) || caller.child === null || caller.childDeadline > tick) continue
      const child = this.calls.get(caller.child)
      const edge = `${caller.service}->${child?.service}`
      if (child) child.parent = null
      caller.child = null
      this.bump(this.outgoing, edge, -1)
      this.bump(this.counts.timeouts, edge, 1)
      const breaker = this.state.breakers[edge]
      if (breaker) recordResult(breaker, this.state.breaker, false, tick)
      this.retryOrFail(caller, tick)
    }
  }

  /** The calls left in flight, in id order. */
  remaining(): Call[] {
    return [...this.calls.values()].sort((a, b) => a.id - b.id)
  }

  private create(service: HopId, endpoint: EndpointId, parent: number | null, tick: number): Call {
    const call: Call = {
      id: this.state.nextCallId++,
      service,
      endpoint,
      parent,
      isRoot: false,
      attempt: 1,
      startedAt: tick,
      child: null,
      childDeadline: 0,
      doneAt: null,
      ok: true,
    }
    this.calls.set(call.id, call)
    this.bump(this.inPool, service, 1)
    return call
  }

  /** The caller calls its next hop, unless a breaker, a bulkhead or a full pool refuses at once. */
  private issue(caller: Call, tick: number): void {
    const hop = nextHop(caller.endpoint, caller.service)
    if (hop === undefined) return
    const edge = `${caller.service}->${hop}`
    this.bump(this.counts.attempts, edge, 1)
    const breaker = this.state.breakers[edge]
    const bulkhead = this.state.bulkheads[edge]
    const refused =
      (breaker !== undefined && !allowCall(breaker, this.state.breaker)) ||
      (bulkhead !== undefined && (this.outgoing.get(edge) ?? 0) >= bulkhead) ||
      (!isDependency(hop) && (this.inPool.get(hop) ?? 0) >= this.state.pools[hop])
    if (refused) {
      this.bump(this.counts.rejected, edge, 1)
      this.retryOrFail(caller, tick)
      return
    }
    const child = this.create(hop, caller.endpoint, caller.id, tick)
    caller.child = child.id
    caller.childDeadline = tick + this.state.timeouts[caller.service as ServiceId]
    this.bump(this.outgoing, edge, 1)
    this.start(child, tick)
  }

  /** A hop starts work on a call: it fails with its own unavailability, else answers or calls onwards. */
  private start(call: Call, tick: number): void {
    const fails = this.random.chance(1 - this.state.availability[call.service])
    if (isDependency(call.service)) {
      call.doneAt = tick + this.state.latency[call.service]
      call.ok = !fails
    } else if (fails) {
      call.doneAt = tick + 1
      call.ok = false
    } else this.issue(call, tick)
  }

  /** A call answers: its thread is freed and a caller still waiting hears the result. */
  private respond(call: Call, ok: boolean, tick: number): void {
    this.calls.delete(call.id)
    this.bump(this.inPool, call.service, -1)
    if (call.isRoot) {
      if (ok) {
        this.counts.succeeded[call.endpoint]++
        this.counts.latencyTicks[call.endpoint] += tick - call.startedAt
      } else this.counts.failed[call.endpoint]++
      return
    }
    const caller = call.parent === null ? undefined : this.calls.get(call.parent)
    if (!caller || caller.child !== call.id) return // nobody is waiting any more: the work was wasted
    const edge = `${caller.service}->${call.service}`
    caller.child = null
    this.bump(this.outgoing, edge, -1)
    const breaker = this.state.breakers[edge]
    if (breaker) recordResult(breaker, this.state.breaker, ok, tick)
    if (ok) this.respond(caller, true, tick)
    else this.retryOrFail(caller, tick)
  }

  /** A failed or timed-out call is tried again while the layer has retries left, else the caller fails. */
  private retryOrFail(caller: Call, tick: number): void {
    if (caller.attempt <= this.state.retries[caller.service as ServiceId]) {
      caller.attempt++
      this.issue(caller, tick)
    } else this.respond(caller, false, tick)
  }

  private bump(map: Map<string, number> | Record<string, number>, key: string, by: number): void {
    if (map instanceof Map) map.set(key, (map.get(key) ?? 0) + by)
    else map[key] = (map[key] ?? 0) + by
  }
}
