import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import {
  countWith,
  customerBucket,
  has,
  invoiceCents,
  LEGACY_KNOWS_PAYMENT,
  mixedCustomers,
  NEW_KNOWS_PAYMENT,
  PAID,
  SAW_WRONG_BALANCE,
  type System,
  TOUCHED_LEGACY,
  TOUCHED_NEW,
} from './strangler/customers'
import { compareAnswers, type InvoiceAnswer, renderTime } from './strangler/parity'
import { stranglerView } from './strangler/view'

const routingSchema = z.enum(['per-request', 'per-customer'])
const systemOfRecordSchema = z.enum(['each-system', 'legacy'])
const routeIdSchema = z.enum(['catalog', 'billing'])
export type RouteId = z.infer<typeof routeIdSchema>

export const stranglerParamsSchema = z
  .object({
    /** Customers; each makes one billing request per tick (a tick is one round of requests). */
    customers: z.number().int().min(10).max(50_000).default(1_000),
    /** Chance that an unpaid customer's request is a payment rather than a look at the invoice. */
    payChance: z.number().min(0).max(1).default(0.2),
    /** Share of billing traffic (%) the facade sends to the new billing module. */
    billingPercent: z.number().min(0).max(100).default(10),
    /** per-request: each request is routed on its own; per-customer: a customer's requests stay together. */
    billingRouting: routingSchema.default('per-request'),
    catalogPercent: z.number().min(0).max(100).default(100),
    /** each-system: a payment lives where it was made; legacy: the new module writes through the ACL. */
    systemOfRecord: systemOfRecordSchema.default('each-system'),
    /** Mirror billing reads to both systems and compare their answers. */
    mirror: z.boolean().default(true),
    /** Ignore known harmless differences (timestamps) when comparing. */
    normaliseParity: z.boolean().default(false),
    /** Share of customers whose invoice the new module computes wrongly once a bug ships. */
    bugShare: z.number().min(0).max(1).default(0.05),
  })
  .strict()
export type StranglerParams = z.infer<typeof stranglerParamsSchema>

export const stranglerEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** The route table changes: a route's share for the new system, and optionally how it is split. */
  z
    .object({
      type: z.literal('set-route'),
      route: routeIdSchema,
      percent: z.number().min(0).max(100),
      routing: routingSchema.optional(),
    })
    .strict(),
  /** Where billing writes are recorded. */
  z.object({ type: z.literal('set-system-of-record'), system: systemOfRecordSchema }).strict(),
  /** The new billing module starts computing some invoices wrongly (by a cent). */
  z.object({ type: z.literal('ship-bug') }).strict(),
  z.object({ type: z.literal('fix-bug') }).strict(),
  /** Turn mirroring and the checker's normalisation on or off. */
  z
    .object({
      type: z.literal('set-parity'),
      mirror: z.boolean().optional(),
      normalise: z.boolean().optional(),
    })
    .strict(),
])
export type StranglerEvent = z.infer<typeof stranglerEventSchema>

export interface Route {
  percent: number
  routing: z.infer<typeof routingSchema>
}

export interface StranglerTick {
  billingLegacy: number
  billingNew: number
  catalogNew: number
  catalogLegacy: number
  payments: number
  wrongViews: number
  compared: number
  harmless: number
  real: number
}

export interface StranglerState {
  params: StranglerParams
  seed: number
  tick: number
  routes: Record<RouteId, Route>
  systemOfRecord: z.infer<typeof systemOfRecordSchema>
  mirror: boolean
  normalise: boolean
  bugShipped: boolean
  /** Tick at which billing routing last changed: requests per customer are counted from there. */
  billingSince: number
  /** One integer of flags per customer (see strangler/customers.ts). */
  customers: number[]
  totals: Omit<StranglerTick, 'catalogNew' | 'catalogLegacy'>
  lastTick: StranglerTick
  history: { mixedShare: number[]; wrongViews: number[]; realDiffs: number[] }
  log: string[]
}

const emptyTick = (): StranglerTick => ({
  billingLegacy: 0,
  billingNew: 0,
  catalogNew: 0,
  catalogLegacy: 0,
  payments: 0,
  wrongViews: 0,
  compared: 0,
  harmless: 0,
  real: 0,
})

export const stranglerEngine: SimEngine<StranglerParams, StranglerState, StranglerEvent> = {
  id: 'strangler',
  params: stranglerParamsSchema,
  events: stranglerEventSchema,

  init(params, seed) {
    const { catalogNew: _c, catalogLegacy: _l, ...totals } = emptyTick()
    return {
      params,
      seed,
      tick: 0,
      routes: {
        catalog: { percent: params.catalogPercent, routing: 'per-request' },
        billing: { percent: params.billingPercent, routing: params.billingRouting },
      },
      systemOfRecord: params.systemOfRecord,
      mirror: params.mirror,
      normalise: params.normaliseParity,
      bugShipped: false,
      billingSince: 0,
      customers: Array.from({ length: params.customers }, () => 0),
      totals,
      lastTick: emptyTick(),
      history: { mixedShare: [], wrongViews: [], realDiffs: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next)
          return next
        case 'set-route': {
          const route = next.routes[event.route]
          const routing = event.routing ?? route.routing
          next.routes[event.route] = { percent: event.percent, routing }
          if (event.route === 'billing') resetBillingCount(next)
          log(`route table: /${event.route} → new for ${event.percent}% (${routing})`)
          return next
        }
        case 'set-system-of-record':
          next.systemOfRecord = event.system
          log(
            event.system === 'legacy'
              ? 'billing writes go through the ACL into legacy: one system of record'
              : 'each system records the payments it serves',
          )
          return next
        case 'ship-bug':
          if (next.bugShipped) log('ignored: the billing bug is already live')
          else log(`a billing change miscomputes ${Math.round(next.params.bugShare * 100)}% of invoices`)
          next.bugShipped = true
          return next
        case 'fix-bug':
          if (!next.bugShipped) log('ignored: no billing bug to fix')
          else log('billing fix deployed')
          next.bugShipped = false
          return next
        case 'set-parity':
          next.mirror = event.mirror ?? next.mirror
          next.normalise = event.normalise ?? next.normalise
          log(
            `parity checker: ${next.mirror ? 'mirroring' : 'off'}${next.normalise ? ', ignoring timestamps' : ''}`,
          )
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: stranglerView,
}

/** A routing change starts a fresh count of which customers touched which system (in place). */
function resetBillingCount(state: StranglerState): void {
  state.billingSince = state.tick
  state.customers = state.customers.map((flags) => flags & ~(TOUCHED_LEGACY | TOUCHED_NEW))
}

/** Which system answers this customer's billing request. */
function billingSystem(state: StranglerState, customer: number, draw: () => boolean): System {
  const { percent, routing } = state.routes.billing
  if (routing === 'per-customer')
    return customerBucket(state.seed, customer) < percent * 100 ? 'new' : 'legacy'
  return draw() ? 'new' : 'legacy'
}

/** One round: every customer makes one billing request, routed, recorded and maybe mirrored (in place). */
function advanceOneTick(state: StranglerState): void {
  state.tick++
  const random = randomStream(state.seed, 'requests', state.tick)
  const share = state.routes.billing.percent / 100
  const current = emptyTick()
  state.customers = state.customers.map((before, customer) => {
    let flags = before
    const system = billingSystem(state, customer, () => random.chance(share))
    flags |= system === 'new' ? TOUCHED_NEW : TOUCHED_LEGACY
    if (system === 'new') current.billingNew++
    else current.billingLegacy++
    const pays = !has(flags, PAID) && random.chance(state.params.payChance)
    if (pays) {
      current.payments++
      flags |= PAID | recordedBy(state, system)
      return flags
    }
    const knows = system === 'legacy' ? LEGACY_KNOWS_PAYMENT : NEW_KNOWS_PAYMENT
    if (has(flags, PAID) && !has(flags, knows)) {
      current.wrongViews++
      flags |= SAW_WRONG_BALANCE
    }
    if (state.mirror) {
      const verdict = compareAnswers(
        answer(state, flags, customer, 'legacy'),
        answer(state, flags, customer, 'new'),
        state.normalise,
      )
      current.compared++
      if (verdict === 'harmless') current.harmless++
      if (verdict === 'real') current.real++
    }
    return flags
  })
  const catalogShare = state.routes.catalog.percent / 100
  current.catalogNew = Math.floor(state.params.customers * catalogShare)
  current.catalogLegacy = state.params.customers - current.catalogNew

  const { totals } = state
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += current[key]
  state.lastTick = current
  const { history } = state
  history.mixedShare = appendPoint(
    history.mixedShare,
    mixedCustomers(state.customers) / state.params.customers,
  )
  history.wrongViews = appendPoint(history.wrongViews, current.wrongViews)
  history.realDiffs = appendPoint(history.realDiffs, current.real)
}

/** Which systems learn of a payment made on `system`: legacy writes reach the new side by CDC. */
function recordedBy(state: StranglerState, system: System): number {
  if (system === 'legacy' || state.systemOfRecord === 'legacy')
    return LEGACY_KNOWS_PAYMENT | NEW_KNOWS_PAYMENT
  return NEW_KNOWS_PAYMENT
}

/** What one system would answer for this customer's invoice (the parity checker's input). */
function answer(state: StranglerState, flags: number, customer: number, system: System): InvoiceAnswer {
  const knows = system === 'legacy' ? LEGACY_KNOWS_PAYMENT : NEW_KNOWS_PAYMENT
  const miscomputed =
    system === 'new' &&
    state.bugShipped &&
    customerBucket(state.seed, customer) >= (1 - state.params.bugShare) * 10_000
  return {
    paid: has(flags, knows),
    amountCents: invoiceCents(customer) + (miscomputed ? 1 : 0),
    renderedAt: renderTime(system, state.tick),
  }
}

/** Customers who saw a wrong balance at least once. */
export function misledCustomers(state: StranglerState): number {
  return countWith(state.customers, SAW_WRONG_BALANCE)
}
