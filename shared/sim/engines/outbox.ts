import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, type LogLine, onCopy, tickStamp } from '../history'
import { type Random, randomStream } from '../random'
import {
  type DeliveryOutcome,
  expireDedupe,
  type PublishedRange,
  publishedSince,
  type Receiver,
  receive,
} from './outbox/receiver'
import { outboxView } from './outbox/view'

export const outboxParamsSchema = z
  .object({
    /** λ: orders committed per tick, each with its OrderPlaced row in the same transaction. */
    ordersPerTick: z.number().int().min(1).max(200).default(4),
    /** The relay polls the outbox every pollTicks ticks and publishes every unsent row. */
    pollTicks: z.number().int().min(1).max(100).default(5),
    /** Chance that Billing's acknowledgement of a delivery is lost, so the broker delivers it again. */
    ackLossChance: z.number().min(0).max(0.5).default(0.02),
    /** Ticks the broker waits for an acknowledgement before redelivering. */
    ackTimeoutTicks: z.number().int().min(1).max(1_000).default(10),
    /** How long Billing remembers a processed message id. */
    dedupeTtlTicks: z.number().int().min(1).max(100_000).default(60),
    /** Ticks a crashed relay takes to restart. */
    restartTicks: z.number().int().min(1).max(1_000).default(3),
  })
  .strict()
export type OutboxParams = z.infer<typeof outboxParamsSchema>

export const outboxEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** At its next poll the relay publishes, then crashes before marking the rows sent. */
  z.object({ type: z.literal('relay-crash') }).strict(),
  /** The consumer offset is reset: the broker redelivers everything published in the last ticksBack ticks. */
  z.object({ type: z.literal('replay'), ticksBack: z.number().int().min(1).max(100_000) }).strict(),
  /** Billing keeps processed ids for this long from now on. */
  z.object({ type: z.literal('set-dedupe-ttl'), ticks: z.number().int().min(1).max(100_000) }).strict(),
])
export type OutboxEvent = z.infer<typeof outboxEventSchema>

export interface OutboxRow {
  id: number
  committedAt: number
}

export interface OutboxTotals {
  committed: number
  /** Messages handed to the broker, republished ones included. */
  published: number
  firstPublished: number
  /** Σ (first publish tick − commit tick): the commit-to-publish delay. */
  delayTicks: number
  /** Σ unsent rows at the end of each tick (Little's law reads it). */
  unsentTicks: number
  deliveries: number
  applied: number
  suppressed: number
  doubleApplied: number
}

export interface OutboxState {
  params: OutboxParams
  seed: number
  tick: number
  dedupeTtl: number
  outbox: OutboxRow[]
  relay: { up: boolean; downUntil: number; crashArmed: boolean; highestPublished: number }
  published: PublishedRange[]
  /** Deliveries the broker will make, and when. */
  pending: { id: number; at: number }[]
  receiver: Receiver
  totals: OutboxTotals
  lastTick: { committed: number; published: number; delivered: number; suppressed: number }
  history: { unsent: number[]; deliveries: number[]; doubleApplied: number[] }
  log: string[]
}

export const outboxEngine: SimEngine<OutboxParams, OutboxState, OutboxEvent> = {
  id: 'outbox',
  params: outboxParamsSchema,
  events: outboxEventSchema,

  init(params, seed) {
    return {
      params,
      seed,
      tick: 0,
      dedupeTtl: params.dedupeTtlTicks,
      outbox: [],
      relay: { up: true, downUntil: 0, crashArmed: false, highestPublished: 0 },
      published: [],
      pending: [],
      receiver: { dedupe: [], charges: [] },
      totals: {
        committed: 0,
        published: 0,
        firstPublished: 0,
        delayTicks: 0,
        unsentTicks: 0,
        deliveries: 0,
        applied: 0,
        suppressed: 0,
        doubleApplied: 0,
      },
      lastTick: { committed: 0, published: 0, delivered: 0, suppressed: 0 },
      history: { unsent: [], deliveries: [], doubleApplied: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'relay-crash':
          if (!next.relay.up) {
            log('ignored: the relay is already down')
            return next
          }
          next.relay.crashArmed = true
          log('the relay will crash right after its next publish')
          return next
        case 'replay': {
          const ids = publishedSince(next.published, next.tick - event.ticksBack)
          for (const id of ids) next.pending.push({ id, at: next.tick + 1 })
          log(
            `consumer offset reset: ${ids.length} messages from the last ${event.ticksBack} ticks redelivered`,
          )
          return next
        }
        case 'set-dedupe-ttl':
          next.dedupeTtl = event.ticks
          log(`Billing now remembers processed ids for ${event.ticks} ticks`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: outboxView,
}

/** One tick: the relay polls (before this tick's commits), orders commit, the broker delivers (in place). */
function advanceOneTick(state: OutboxState, log: LogLine): void {
  const tick = state.tick + 1
  state.tick = tick
  const random = randomStream(state.seed, 'acks', tick)
  const { params, totals } = state
  state.lastTick = { committed: 0, published: 0, delivered: 0, suppressed: 0 }
  expireDedupe(state.receiver, tick, state.dedupeTtl)

  if (!state.relay.up && tick >= state.relay.downUntil) {
    state.relay.up = true
    log(`relay restarted: ${state.outbox.length} rows still marked unsent`)
  }
  if (state.relay.up && tick % params.pollTicks === 0) poll(state, tick, random, log)

  for (let i = 0; i < params.ordersPerTick; i++) {
    totals.committed++
    state.outbox.push({ id: totals.committed, committedAt: tick })
  }
  state.lastTick.committed = params.ordersPerTick

  const due = state.pending.filter((delivery) => delivery.at <= tick)
  state.pending = state.pending.filter((delivery) => delivery.at > tick)
  for (const delivery of due) deliver(state, delivery.id, tick, random)

  totals.unsentTicks += state.outbox.length
  state.history.unsent = appendPoint(state.history.unsent, state.outbox.length)
  state.history.deliveries = appendPoint(state.history.deliveries, state.lastTick.delivered)
  state.history.doubleApplied = appendPoint(state.history.doubleApplied, totals.doubleApplied)
}

/** The relay publishes every unsent row in order, then marks them sent, unless it crashes first (in place). */
function poll(state: OutboxState, tick: number, random: Random, log: LogLine): void {
  const rows = state.outbox
  if (rows.length === 0) return
  const first = rows[0]?.id ?? 0
  state.published.push({ from: first, to: first + rows.length, at: tick })
  for (const row of rows) {
    if (row.id > state.relay.highestPublished) {
      state.totals.firstPublished++
      state.totals.delayTicks += tick - row.committedAt
      state.relay.highestPublished = row.id
    }
    state.totals.published++
    state.lastTick.published++
    deliver(state, row.id, tick, random)
  }
  if (state.relay.crashArmed) {
    state.relay = {
      ...state.relay,
      up: false,
      crashArmed: false,
      downUntil: tick + state.params.restartTicks,
    }
    log(`relay crashed after publishing ${rows.length} rows, before marking them sent`)
    return
  }
  state.outbox = []
}

/** The broker delivers one message to Billing; a lost acknowledgement schedules a redelivery (in place). */
function deliver(state: OutboxState, id: number, tick: number, random: Random): void {
  const outcome: DeliveryOutcome = receive(state.receiver, id, tick)
  const { totals } = state
  totals.deliveries++
  state.lastTick.delivered++
  if (outcome === 'suppressed') {
    totals.suppressed++
    state.lastTick.suppressed++
  } else if (outcome === 'applied') totals.applied++
  else totals.doubleApplied++
  if (random.chance(state.params.ackLossChance))
    state.pending.push({ id, at: tick + state.params.ackTimeoutTicks })
}
