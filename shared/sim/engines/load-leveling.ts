import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import { drawArrivals, drawCapacity } from './load-leveling/arrivals'
import {
  enqueueBatch,
  healthyBacklog,
  type QueueEntry,
  queueLength,
  receive,
} from './load-leveling/message-queue'
import { loadLevelingView } from './load-leveling/view'

export const loadLevelingParamsSchema = z
  .object({
    /** k: workers in the pool. */
    workers: z.number().int().min(1).max(64).default(4),
    /** μ: messages one worker finishes per tick (a fraction is drawn per tick). */
    serviceRate: z.number().min(0.1).max(100).default(5),
    /** λ: offered messages per tick outside bursts. */
    arrivalRate: z.number().min(0).max(1_000).default(16),
    /** Chance per tick that producers start a burst. */
    burstChance: z.number().min(0).max(1).default(0.02),
    burstTicks: z.number().int().min(1).max(1_000).default(6),
    burstRate: z.number().min(0).max(2_000).default(40),
    /** Messages the queue holds; producers are rejected beyond it. */
    queueCapacity: z.number().int().min(1).max(1_000_000).default(400),
    /** Receives before a poison message moves to the dead-letter queue; null: no DLQ, it retries forever. */
    maxReceives: z.number().int().min(1).max(100).nullable().default(3),
    /** Ticks a worker is stuck on a poison message before the receive fails (the visibility timeout). */
    poisonHoldTicks: z.number().int().min(1).max(100).default(4),
  })
  .strict()
export type LoadLevelingParams = z.infer<typeof loadLevelingParamsSchema>

export const loadLevelingEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** Producers send at `rate` for `ticks` ticks ("queue at capacity" when it exceeds the workers). */
  z
    .object({
      type: z.literal('burst'),
      ticks: z.number().int().min(1).max(1_000),
      rate: z.number().min(0).max(10_000),
    })
    .strict(),
  /** `workers` workers go down. */
  z.object({ type: z.literal('worker-outage'), workers: z.number().int().min(1).max(64) }).strict(),
  /** Every down worker comes back. */
  z.object({ type: z.literal('restore-workers') }).strict(),
  /** The pool is resized to `workers`. */
  z.object({ type: z.literal('scale-workers'), workers: z.number().int().min(1).max(64) }).strict(),
  /** `count` poison messages join the queue: every receive fails. */
  z.object({ type: z.literal('poison'), count: z.number().int().min(1).max(100).default(1) }).strict(),
  /** Change the redrive policy (null: no dead-letter queue). */
  z
    .object({ type: z.literal('set-max-receives'), maxReceives: z.number().int().min(1).max(100).nullable() })
    .strict(),
])
export type LoadLevelingEvent = z.infer<typeof loadLevelingEventSchema>

/** A poison message currently blocking one worker. */
export interface HeldPoison {
  id: number
  enqueuedAt: number
  receives: number
  releaseAt: number
}

/** What happened in the last tick; `inSystem` is N(t): queued healthy messages plus those served this tick. */
export interface TickRecord {
  rate: number
  offered: number
  accepted: number
  dropped: number
  completed: number
  capacity: number
  inSystem: number
}

/** Running totals since the start; Little's law reads `inSystemTicks`, `accepted` and `sojournTicks`. */
export interface LoadLevelingTotals {
  offered: number
  accepted: number
  dropped: number
  completed: number
  waitTicks: number
  sojournTicks: number
  inSystemTicks: number
  poisonReceives: number
  deadLettered: number
}

export interface LoadLevelingState {
  params: LoadLevelingParams
  seed: number
  tick: number
  workers: number
  downWorkers: number
  /** Restored workers show as recovering until this tick. */
  recoveringUntil: number
  maxReceives: number | null
  seededBurstLeft: number
  forcedBurst: { ticksLeft: number; rate: number } | null
  queue: QueueEntry[]
  held: HeldPoison[]
  nextPoisonId: number
  totals: LoadLevelingTotals
  lastTick: TickRecord
  history: { backlog: number[]; arrivals: number[]; throughput: number[]; wait: number[]; capacity: number[] }
  log: string[]
}

const RECOVERY_TICKS = 3

export const loadLevelingEngine: SimEngine<LoadLevelingParams, LoadLevelingState, LoadLevelingEvent> = {
  id: 'load-leveling',
  params: loadLevelingParamsSchema,
  events: loadLevelingEventSchema,

  init(params, seed) {
    return {
      params,
      seed,
      tick: 0,
      workers: params.workers,
      downWorkers: 0,
      recoveringUntil: 0,
      maxReceives: params.maxReceives,
      seededBurstLeft: 0,
      forcedBurst: null,
      queue: [],
      held: [],
      nextPoisonId: 1,
      totals: {
        offered: 0,
        accepted: 0,
        dropped: 0,
        completed: 0,
        waitTicks: 0,
        sojournTicks: 0,
        inSystemTicks: 0,
        poisonReceives: 0,
        deadLettered: 0,
      },
      lastTick: { rate: 0, offered: 0, accepted: 0, dropped: 0, completed: 0, capacity: 0, inSystem: 0 },
      history: { backlog: [], arrivals: [], throughput: [], wait: [], capacity: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'burst':
          next.forcedBurst = { ticksLeft: event.ticks, rate: event.rate }
          log(`producers burst to ${event.rate}/tick for ${event.ticks} ticks`)
          return next
        case 'worker-outage':
          next.downWorkers = Math.min(next.workers, next.downWorkers + event.workers)
          log(
            `${event.workers} worker(s) down: ${next.workers - next.downWorkers} of ${next.workers} serving`,
          )
          return next
        case 'restore-workers':
          if (next.downWorkers > 0) next.recoveringUntil = next.tick + RECOVERY_TICKS
          next.downWorkers = 0
          log(`all ${next.workers} workers back`)
          return next
        case 'scale-workers':
          next.workers = event.workers
          next.downWorkers = Math.min(next.downWorkers, event.workers)
          log(`worker pool scaled to ${event.workers}`)
          return next
        case 'poison':
          for (let i = 0; i < event.count; i++) {
            next.queue.push({ kind: 'poison', id: next.nextPoisonId, enqueuedAt: next.tick, receives: 0 })
            next.nextPoisonId++
          }
          log(`${event.count} poison message(s) enqueued`)
          return next
        case 'set-max-receives':
          next.maxReceives = event.maxReceives
          log(
            event.maxReceives === null
              ? 'dead-letter queue removed'
              : `dead-letter after ${event.maxReceives} receives`,
          )
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: loadLevelingView,
}

/** One tick: stuck poison receives fail, producers send, the queue admits, free workers drain it (in place). */
function advanceOneTick(state: LoadLevelingState, log: (line: string) => void): void {
  const tick = state.tick + 1
  state.tick = tick
  const random = randomStream(state.seed, 'tick', tick)
  const { params, totals } = state

  releasePoison(state, tick, log)

  const rate = offeredRate(state, random.chance(params.burstChance))
  const offered = drawArrivals(random, rate)
  const room = Math.max(0, params.queueCapacity - queueLength(state.queue))
  const accepted = Math.min(offered, room)
  const dropped = offered - accepted
  enqueueBatch(state.queue, tick, accepted)
  if (dropped > 0 && state.lastTick.dropped === 0)
    log(`queue full at ${params.queueCapacity}: producers rejected`)

  const freeWorkers = Math.max(0, state.workers - state.downWorkers - state.held.length)
  let capacity = 0
  let completed = 0
  let waitTicks = 0
  for (let worker = 0; worker < freeWorkers; worker++) {
    const workerCapacity = drawCapacity(random, params.serviceRate)
    capacity += workerCapacity
    const receipt = receive(state.queue, tick, workerCapacity)
    if (receipt.kind === 'poisoned') {
      const { id, enqueuedAt, receives } = receipt.message
      state.held.push({ id, enqueuedAt, receives, releaseAt: tick + params.poisonHoldTicks })
      totals.poisonReceives++
      log(`a worker is stuck on poison message #${id} (receive ${receives})`)
    } else {
      completed += receipt.count
      waitTicks += receipt.waitTicks
      totals.sojournTicks += receipt.sojournTicks
    }
  }

  const inSystem = healthyBacklog(state.queue) + completed
  totals.offered += offered
  totals.accepted += accepted
  totals.dropped += dropped
  totals.completed += completed
  totals.waitTicks += waitTicks
  totals.inSystemTicks += inSystem
  state.lastTick = { rate, offered, accepted, dropped, completed, capacity, inSystem }

  const { history } = state
  history.backlog = appendPoint(history.backlog, queueLength(state.queue))
  history.arrivals = appendPoint(history.arrivals, offered)
  history.throughput = appendPoint(history.throughput, completed)
  history.wait = appendPoint(history.wait, completed === 0 ? 0 : waitTicks / completed)
  history.capacity = appendPoint(history.capacity, capacity)
}

/** The arrival rate this tick: a scenario burst, else a seeded burst, else the base rate (in place). */
function offeredRate(state: LoadLevelingState, burstStarts: boolean): number {
  const { params } = state
  if (state.forcedBurst) {
    const { rate, ticksLeft } = state.forcedBurst
    state.forcedBurst = ticksLeft > 1 ? { rate, ticksLeft: ticksLeft - 1 } : null
    return rate
  }
  if (state.seededBurstLeft > 0) {
    state.seededBurstLeft--
    return params.burstRate
  }
  if (burstStarts) {
    state.seededBurstLeft = params.burstTicks - 1
    return params.burstRate
  }
  return params.arrivalRate
}

/** Poison receives whose timeout ran out fail: the message dead-letters or becomes visible again (in place). */
function releasePoison(state: LoadLevelingState, tick: number, log: (line: string) => void): void {
  const due = state.held.filter((message) => message.releaseAt <= tick)
  if (due.length === 0) return
  state.held = state.held.filter((message) => message.releaseAt > tick)
  for (const message of due.reverse()) {
    if (state.maxReceives !== null && message.receives >= state.maxReceives) {
      state.totals.deadLettered++
      log(`poison message #${message.id} moved to the DLQ after ${message.receives} receives`)
    } else {
      // visible again at the head of the queue, as the oldest message
      state.queue.unshift({
        kind: 'poison',
        id: message.id,
        enqueuedAt: message.enqueuedAt,
        receives: message.receives,
      })
    }
  }
}
