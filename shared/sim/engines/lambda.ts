import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, type LogLine, onCopy } from '../history'
import { deriveSeed } from '../random'
import { hashItem } from './hyperloglog/item-hash'
import { createSketch, insertHash, MAX_PRECISION, MIN_PRECISION } from './hyperloglog/sketch'
import type { StreamPosition } from './hyperloglog/visitor-stream'
import {
  type BatchRun,
  type BatchView,
  entriesAfterCutoff,
  eventsBetween,
  LAMBDA_HASH,
  type RealtimeEntry,
  recomputeBatchView,
  speedLayerSkips,
} from './lambda/layers'
import { lambdaView } from './lambda/view'

const expirySchema = z.enum(['cutoff', 'timer'])

export const lambdaParamsSchema = z
  .object({
    eventsPerMinute: z.number().int().min(1).max(500).default(20),
    /** Share of events from a visitor already seen, so the layers' visitors overlap. */
    repeatShare: z.number().min(0).max(0.95).default(0.6),
    /** p of every HyperLogLog sketch (batch view and realtime entries merge register by register). */
    precision: z.number().int().min(MIN_PRECISION).max(MAX_PRECISION).default(10),
    /** The batch scheduler starts a run every cadence minutes, with the cutoff at its start. */
    cadenceMinutes: z.number().int().min(1).max(1_440).default(60),
    /** How long a run takes before its view is published. */
    runMinutes: z.number().int().min(1).max(2_880).default(30),
    /** Minutes of events one realtime-view entry holds. */
    bucketMinutes: z.number().int().min(1).max(240).default(10),
    /** cutoff: entries go when a batch view covers them; timer: entries go ttlMinutes after their last event. */
    expiry: expirySchema.default('cutoff'),
    ttlMinutes: z.number().int().min(1).max(10_000).default(90),
  })
  .strict()
  .refine((params) => params.cadenceMinutes % params.bucketMinutes === 0, {
    message: 'cadenceMinutes must be a multiple of bucketMinutes, so a cutoff never splits an entry',
  })
export type LambdaParams = z.infer<typeof lambdaParamsSchema>

export const lambdaEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** The running batch run (or the next one, if none runs) fails and publishes nothing. */
  z.object({ type: z.literal('fail-batch') }).strict(),
  /** Change how realtime entries expire. */
  z
    .object({
      type: z.literal('set-expiry'),
      expiry: expirySchema,
      ttlMinutes: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  /** The speed layer's code starts skipping a share of visitors the batch code counts (0 fixes it). */
  z.object({ type: z.literal('speed-drift'), skipPercent: z.number().int().min(0).max(100) }).strict(),
  /** Batch runs now take this long (the master dataset grew). */
  z.object({ type: z.literal('set-run-minutes'), minutes: z.number().int().min(1).max(2_880) }).strict(),
])
export type LambdaEvent = z.infer<typeof lambdaEventSchema>

export interface LambdaState {
  params: LambdaParams
  seed: number
  /** murmur3's seed for visitor ids. */
  hashSeed: number
  minute: number
  /** Events appended to the master dataset so far, and their exact distinct visitors. */
  ingested: StreamPosition
  expiry: z.infer<typeof expirySchema>
  ttlMinutes: number
  runMinutes: number
  skipPercent: number
  batchView: BatchView
  running: BatchRun | null
  failNextRun: boolean
  runs: { succeeded: number; failed: number; skipped: number }
  realtime: RealtimeEntry[]
  /** The oldest the batch view has been (minutes since its cutoff), checked just before each publish. */
  maxBatchAge: number
  history: { batchAge: number[]; missing: number[]; realtimeEvents: number[] }
  log: string[]
}

export const lambdaEngine: SimEngine<LambdaParams, LambdaState, LambdaEvent> = {
  id: 'lambda',
  params: lambdaParamsSchema,
  events: lambdaEventSchema,

  init(params, seed) {
    const start = { views: 0, distinct: 0 }
    return {
      params,
      seed,
      hashSeed: deriveSeed(seed, 'hash'),
      minute: 0,
      ingested: start,
      expiry: params.expiry,
      ttlMinutes: params.ttlMinutes,
      runMinutes: params.runMinutes,
      skipPercent: 0,
      batchView: { cutoffMinute: 0, cutoff: start, sketch: createSketch(params.precision), publishedAt: 0 },
      running: null,
      failNextRun: false,
      runs: { succeeded: 0, failed: 0, skipped: 0 },
      realtime: [],
      maxBatchAge: 0,
      history: { batchAge: [], missing: [], realtimeEvents: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, minuteStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneMinute(next, log)
          return next
        case 'fail-batch':
          if (next.running) next.running.fails = true
          else next.failNextRun = true
          log(next.running ? 'the running batch run will fail' : 'the next batch run will fail')
          return next
        case 'set-expiry':
          next.expiry = event.expiry
          if (event.ttlMinutes !== undefined) next.ttlMinutes = event.ttlMinutes
          log(
            event.expiry === 'cutoff'
              ? 'realtime entries now expire when a batch view covers them'
              : `realtime entries now expire ${next.ttlMinutes} min after their last event`,
          )
          return next
        case 'speed-drift':
          next.skipPercent = event.skipPercent
          log(
            event.skipPercent === 0
              ? 'speed-layer code matches the batch code again'
              : `speed-layer code now skips ${event.skipPercent}% of visitors the batch code counts`,
          )
          return next
        case 'set-run-minutes':
          next.runMinutes = event.minutes
          log(`batch runs now take ${event.minutes} min (cadence ${next.params.cadenceMinutes} min)`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: lambdaView,
}

/** Log lines are stamped with the logical minute. */
function minuteStamp(state: LambdaState): string {
  return `${state.minute} min`
}

/** One minute: events arrive, a due run finishes, the scheduler starts a run, entries expire (in place). */
function advanceOneMinute(state: LambdaState, log: LogLine): void {
  const minute = state.minute + 1
  state.minute = minute
  ingestMinute(state, minute)
  finishDueRun(state, minute, log)
  if (minute % state.params.cadenceMinutes === 0) startRun(state, minute, log)
  if (state.expiry === 'timer') expireByTimer(state, minute, log)

  const speedEvents = entriesAfterCutoff(state.realtime, state.batchView.cutoffMinute).reduce(
    (total, entry) => total + entry.counted,
    0,
  )
  const answered = state.batchView.cutoff.views + speedEvents
  state.history.batchAge = appendPoint(state.history.batchAge, minute - state.batchView.cutoffMinute)
  state.history.missing = appendPoint(state.history.missing, state.ingested.views - answered)
  state.history.realtimeEvents = appendPoint(state.history.realtimeEvents, speedEvents)
}

/** The minute's events go to the master dataset and to the speed layer's current entry (in place). */
function ingestMinute(state: LambdaState, minute: number): void {
  const { params } = state
  // events of minute m happen during [m − 1, m), so they belong to the entry holding m − 1
  const start = Math.floor((minute - 1) / params.bucketMinutes) * params.bucketMinutes
  let entry = state.realtime[state.realtime.length - 1]
  if (!entry || entry.start !== start) {
    entry = {
      start,
      from: state.ingested,
      to: state.ingested.views,
      counted: 0,
      skipped: 0,
      sketch: createSketch(params.precision),
    }
    state.realtime.push(entry)
  }
  const to = state.ingested.views + params.eventsPerMinute
  let reached = state.ingested
  for (const { visitor, next } of eventsBetween(state.seed, params.repeatShare, state.ingested, to)) {
    const hash = hashItem(LAMBDA_HASH, visitor, state.hashSeed)
    if (speedLayerSkips(hash, state.skipPercent)) entry.skipped++
    else {
      insertHash(entry.sketch, hash)
      entry.counted++
    }
    reached = next
  }
  state.ingested = reached
  entry.to = to
}

/** A run whose time is up publishes its view, or fails and leaves the old one in place (in place). */
function finishDueRun(state: LambdaState, minute: number, log: LogLine): void {
  const run = state.running
  if (!run || minute < run.startedAt + state.runMinutes) return
  state.maxBatchAge = Math.max(state.maxBatchAge, minute - state.batchView.cutoffMinute)
  state.running = null
  if (run.fails) {
    state.runs.failed++
    log(
      `batch run from ${run.startedAt} min failed: the view still stops at ${state.batchView.cutoffMinute} min`,
    )
    return
  }
  state.batchView = recomputeBatchView(
    state.batchView,
    run,
    { seed: state.seed, repeatShare: state.params.repeatShare, hashSeed: state.hashSeed },
    minute,
  )
  state.runs.succeeded++
  log(`batch view published, exact up to ${run.cutoffMinute} min`)
  if (state.expiry === 'cutoff') {
    const before = state.realtime.length
    state.realtime = state.realtime.filter((entry) => entry.start >= run.cutoffMinute)
    if (before > state.realtime.length)
      log(`${before - state.realtime.length} realtime entries covered and dropped`)
  }
}

/** The scheduler starts a run with the cutoff at this minute, unless the previous one still runs (in place). */
function startRun(state: LambdaState, minute: number, log: LogLine): void {
  if (state.running) {
    state.runs.skipped++
    log(`scheduler skipped the ${minute} min run: the previous run is still going`)
    return
  }
  state.running = {
    startedAt: minute,
    cutoffMinute: minute,
    cutoff: state.ingested,
    fails: state.failNextRun,
  }
  state.failNextRun = false
}

/** Timer expiry: an entry goes ttlMinutes after its last minute, whether or not a batch view covers it (in place). */
function expireByTimer(state: LambdaState, minute: number, log: LogLine): void {
  const { bucketMinutes } = state.params
  const expired = state.realtime.filter((entry) => entry.start + bucketMinutes + state.ttlMinutes <= minute)
  if (expired.length === 0) return
  state.realtime = state.realtime.filter((entry) => entry.start + bucketMinutes + state.ttlMinutes > minute)
  const uncovered = expired.filter((entry) => entry.start >= state.batchView.cutoffMinute)
  const lost = uncovered.reduce((total, entry) => total + entry.counted, 0)
  if (lost > 0) log(`timer expired ${lost} events that no batch view covers yet: they vanish from answers`)
}
