import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { onCopy, tickStamp } from '../history'
import type { HiddenRun, QueuedRun } from './serverless/order-queue'
import { advanceOneSecond, emptyTick } from './serverless/second'
import { serverlessView } from './serverless/view'

export const serverlessParamsSchema = z
  .object({
    /** Orders per second outside campaigns (drawn per second around this mean). */
    baseRate: z.number().min(0).max(5_000).default(2),
    /** Run time of the accept function (ms). */
    acceptMs: z.number().int().min(1).max(900_000).default(40),
    /** Run time of the process function per order (ms). */
    processMs: z.number().int().min(1).max(900_000).default(800),
    /** Reserved concurrency of the process function: its cap on copies (null: unbounded). */
    processConcurrency: z.number().int().min(1).max(10_000).nullable().default(50),
    /** Copies all functions together may run in the account and region. */
    accountConcurrency: z.number().int().min(1).max(100_000).default(1_000),
    /** Connections the database accepts; every running copy of either function holds one. */
    dbConnectionLimit: z.number().int().min(1).max(100_000).default(100),
    /** How long a received message stays hidden before another consumer may receive it (ms). */
    visibilityTimeoutMs: z.number().int().min(0).max(43_200_000).default(30_000),
    /** Receives before a message moves to the dead-letter queue. */
    maxReceives: z.number().int().min(1).max(1_000).default(5),
    /** Time a new execution environment spends starting before it does work (ms). */
    coldStartMs: z.number().int().min(0).max(60_000).default(500),
    /** Seconds an idle environment is kept warm before the platform may discard it. */
    idleSeconds: z.number().int().min(1).max(3_600).default(600),
    /** Sends per second the email provider accepts. */
    emailPerSecond: z.number().int().min(1).max(100_000).default(100),
    /** The oldest-message-age alarm fires above this many seconds. */
    ageAlarmSeconds: z.number().int().min(1).max(86_400).default(300),
  })
  .strict()
export type ServerlessParams = z.infer<typeof serverlessParamsSchema>

export const serverlessEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** A campaign: `orders` orders spread evenly over `seconds`. */
  z
    .object({
      type: z.literal('campaign'),
      orders: z.number().int().min(1).max(10_000_000),
      seconds: z.number().int().min(1).max(86_400),
    })
    .strict(),
  /** Reserved concurrency of the process function (null removes the cap). */
  z
    .object({ type: z.literal('set-concurrency'), limit: z.number().int().min(1).max(10_000).nullable() })
    .strict(),
  /** The process function's run time changes (a slow partner, a bigger payload). */
  z.object({ type: z.literal('set-process-time'), ms: z.number().int().min(1).max(900_000) }).strict(),
  z
    .object({ type: z.literal('set-visibility-timeout'), ms: z.number().int().min(0).max(43_200_000) })
    .strict(),
  z.object({ type: z.literal('set-base-rate'), perSecond: z.number().min(0).max(5_000) }).strict(),
])
export type ServerlessEvent = z.infer<typeof serverlessEventSchema>

/** What happened in the last second. */
export interface ServerlessTick {
  arrived: number
  accepted: number
  throttled: number
  acceptCopies: number
  processCopies: number
  connections: number
  refused: number
  processed: number
  failed: number
  duplicates: number
  coldStarts: number
  emailRejected: number
}

export interface ServerlessState {
  params: ServerlessParams
  seed: number
  /** Seconds since the start. */
  tick: number
  baseRate: number
  processMs: number
  processConcurrency: number | null
  visibilityTimeoutMs: number
  campaign: { orders: number; seconds: number; elapsed: number } | null
  queue: QueuedRun[]
  hidden: HiddenRun[]
  /** Instance-milliseconds of work done towards the next completed order. */
  workCarry: number
  /** Copies each function ran in each recent second (the warm pool is their maximum). */
  recentCopies: { accept: number[]; process: number[] }
  totals: Omit<ServerlessTick, 'acceptCopies' | 'processCopies' | 'connections'> & { deadLettered: number }
  lastTick: ServerlessTick
  /** The second the queue last became empty after a backlog (drain time), if it has. */
  drainedAt: number | null
  history: { backlog: number[]; processCopies: number[]; oldestAge: number[]; connections: number[] }
  log: string[]
}

export const serverlessEngine: SimEngine<ServerlessParams, ServerlessState, ServerlessEvent> = {
  id: 'serverless',
  params: serverlessParamsSchema,
  events: serverlessEventSchema,

  init(params, seed) {
    const { acceptCopies: _a, processCopies: _p, connections: _c, ...totals } = emptyTick()
    return {
      params,
      seed,
      tick: 0,
      baseRate: params.baseRate,
      processMs: params.processMs,
      processConcurrency: params.processConcurrency,
      visibilityTimeoutMs: params.visibilityTimeoutMs,
      campaign: null,
      queue: [],
      hidden: [],
      workCarry: 0,
      recentCopies: { accept: [], process: [] },
      totals: { ...totals, deadLettered: 0 },
      lastTick: emptyTick(),
      drainedAt: null,
      history: { backlog: [], processCopies: [], oldestAge: [], connections: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneSecond(next, log)
          return next
        case 'campaign':
          if (next.campaign) log('ignored: a campaign is already running')
          else {
            next.campaign = { orders: event.orders, seconds: event.seconds, elapsed: 0 }
            log(`campaign: ${event.orders} orders over ${event.seconds} s`)
          }
          return next
        case 'set-concurrency':
          next.processConcurrency = event.limit
          log(
            event.limit === null
              ? 'process function: no concurrency cap'
              : `process function capped at ${event.limit}`,
          )
          return next
        case 'set-process-time':
          next.processMs = event.ms
          log(`process function now takes ${event.ms} ms per order`)
          return next
        case 'set-visibility-timeout':
          next.visibilityTimeoutMs = event.ms
          log(`visibility timeout ${event.ms / 1000} s`)
          return next
        case 'set-base-rate':
          next.baseRate = event.perSecond
          log(`background traffic ${event.perSecond} orders/s`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: serverlessView,
}
