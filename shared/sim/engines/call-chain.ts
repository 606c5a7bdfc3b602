import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { onCopy, tickStamp } from '../history'
import { type Breaker, type BreakerConfig, breakersFor } from './call-chain/breaker'
import type { Call, TickCounts } from './call-chain/calls'
import { advanceOneTick, emptyCounts } from './call-chain/tick'
import {
  CALL_EDGES,
  type DependencyId,
  dependencyIdSchema,
  type EndpointId,
  endpointIdSchema,
  type HopId,
  hopIdSchema,
  type ServiceId,
  serviceIdSchema,
} from './call-chain/topology'
import { callChainView } from './call-chain/view'

const perService = (value: number) =>
  z
    .object({
      'api-gateway': z.number().int().min(0).max(10_000).default(value),
      orders: z.number().int().min(0).max(10_000).default(value),
      payments: z.number().int().min(0).max(10_000).default(value),
      inventory: z.number().int().min(0).max(10_000).default(value),
    })
    .strict()
    .prefault({})

const availabilitySchema = z.number().min(0).max(1)

export const callChainParamsSchema = z
  .object({
    /** Client requests per tick (a tick is 100 ms) on each endpoint. */
    rates: z
      .object({
        checkout: z.number().min(0).max(500).default(20),
        history: z.number().min(0).max(500).default(10),
        stock: z.number().min(0).max(500).default(10),
      })
      .strict()
      .prefault({}),
    /** Threads per service: each call holds one until it answers. */
    pools: z
      .object({
        'api-gateway': z.number().int().min(1).max(10_000).default(800),
        orders: z.number().int().min(1).max(10_000).default(200),
        payments: z.number().int().min(1).max(10_000).default(400),
        inventory: z.number().int().min(1).max(10_000).default(200),
      })
      .strict()
      .prefault({}),
    /** Ticks each caller waits for its next hop before giving up. */
    timeouts: z
      .object({
        'api-gateway': z.number().int().min(1).max(10_000).default(30),
        orders: z.number().int().min(1).max(10_000).default(20),
        payments: z.number().int().min(1).max(10_000).default(10),
        inventory: z.number().int().min(1).max(10_000).default(10),
      })
      .strict()
      .prefault({}),
    /** Retries each caller makes after a failed or timed-out call (attempts = 1 + retries). */
    retries: perService(0),
    /** Ticks each dependency takes to answer. */
    latency: z
      .object({
        'card-processor': z.number().int().min(1).max(10_000).default(1),
        'orders-db': z.number().int().min(1).max(10_000).default(1),
        'inventory-db': z.number().int().min(1).max(10_000).default(1),
      })
      .strict()
      .prefault({}),
    /** Chance that each hop handles a call correctly (failures are independent). */
    availability: z.partialRecord(hopIdSchema, availabilitySchema).default({}),
    breaker: z
      .object({
        enabled: z.boolean().default(false),
        edges: z.array(z.string()).default(['orders->payments', 'payments->card-processor']),
        failureRate: z.number().min(0).max(1).default(0.5),
        minCalls: z.number().int().min(1).default(20),
        windowTicks: z.number().int().min(1).max(600).default(10),
        openTicks: z.number().int().min(1).max(6_000).default(50),
        probes: z.number().int().min(1).max(100).default(5),
      })
      .strict()
      .prefault({}),
    /** Most calls a caller may have waiting on one callee (`from->to`), so one slow callee cannot take every thread. */
    bulkheads: z.record(z.string().regex(/^[a-z-]+->[a-z-]+$/), z.number().int().min(1)).default({}),
  })
  .strict()
export type CallChainParams = z.infer<typeof callChainParamsSchema>

export const callChainEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** A dependency slows down (or recovers): it now answers after `ticks`. */
  z
    .object({
      type: z.literal('set-latency'),
      dependency: dependencyIdSchema,
      ticks: z.number().int().min(1).max(10_000),
    })
    .strict(),
  z
    .object({ type: z.literal('set-availability'), hop: hopIdSchema, availability: availabilitySchema })
    .strict(),
  /** Retries at one layer, or at every layer when `service` is left out. */
  z
    .object({
      type: z.literal('set-retries'),
      service: serviceIdSchema.optional(),
      retries: z.number().int().min(0).max(10),
    })
    .strict(),
  z.object({ type: z.literal('set-breakers'), enabled: z.boolean() }).strict(),
  /** A bulkhead on one caller → callee edge (null removes it). */
  z
    .object({
      type: z.literal('set-bulkhead'),
      edge: z.string().regex(/^[a-z-]+->[a-z-]+$/),
      limit: z.number().int().min(1).max(10_000).nullable(),
    })
    .strict(),
  z
    .object({ type: z.literal('set-rate'), endpoint: endpointIdSchema, perTick: z.number().min(0).max(500) })
    .strict(),
])
export type CallChainEvent = z.infer<typeof callChainEventSchema>

export interface CallChainState {
  params: CallChainParams
  seed: number
  tick: number
  rates: Record<EndpointId, number>
  pools: Record<ServiceId, number>
  timeouts: Record<ServiceId, number>
  retries: Record<ServiceId, number>
  latency: Record<DependencyId, number>
  availability: Record<HopId, number>
  breaker: BreakerConfig
  breakers: Record<string, Breaker>
  bulkheads: Record<string, number>
  calls: Call[]
  nextCallId: number
  /** Threads in use per hop at the end of the last tick (abandoned calls included). */
  inFlight: Record<string, number>
  lastTick: TickCounts
  totals: TickCounts
  history: Record<EndpointId, number[]> & { ordersInFlight: number[] }
  log: string[]
}

export const callChainEngine: SimEngine<CallChainParams, CallChainState, CallChainEvent> = {
  id: 'call-chain',
  params: callChainParamsSchema,
  events: callChainEventSchema,

  init(params, seed) {
    const availability = Object.fromEntries(
      hopIdSchema.options.map((hop) => [hop, params.availability[hop] ?? 1]),
    ) as Record<HopId, number>
    return {
      params,
      seed,
      tick: 0,
      rates: { ...params.rates },
      pools: { ...params.pools },
      timeouts: { ...params.timeouts },
      retries: { ...params.retries },
      latency: { ...params.latency },
      availability,
      breaker: { ...params.breaker },
      breakers: params.breaker.enabled ? breakersFor(params.breaker.edges) : {},
      bulkheads: { ...params.bulkheads },
      calls: [],
      nextCallId: 1,
      inFlight: {},
      lastTick: emptyCounts(),
      totals: emptyCounts(),
      history: { checkout: [], history: [], stock: [], ordersInFlight: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'set-latency':
          next.latency[event.dependency] = event.ticks
          log(`${event.dependency} now answers in ${event.ticks * 100} ms`)
          return next
        case 'set-availability':
          next.availability[event.hop] = event.availability
          log(`${event.hop} availability ${event.availability}`)
          return next
        case 'set-retries':
          for (const service of event.service ? [event.service] : serviceIdSchema.options)
            next.retries[service] = event.retries
          log(`${event.service ?? 'every layer'} retries up to ${event.retries} times`)
          return next
        case 'set-breakers':
          next.breaker.enabled = event.enabled
          next.breakers = event.enabled ? breakersFor(next.breaker.edges) : {}
          log(event.enabled ? 'circuit breakers on' : 'circuit breakers off')
          return next
        case 'set-bulkhead':
          if (!CALL_EDGES.includes(event.edge)) log(`ignored: no call edge ${event.edge}`)
          else if (event.limit === null) {
            delete next.bulkheads[event.edge]
            log(`bulkhead on ${event.edge} removed`)
          } else {
            next.bulkheads[event.edge] = event.limit
            log(`bulkhead: at most ${event.limit} calls on ${event.edge}`)
          }
          return next
        case 'set-rate':
          next.rates[event.endpoint] = event.perTick
          log(`/${event.endpoint} at ${event.perTick * 10} requests/s`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: callChainView,
}
