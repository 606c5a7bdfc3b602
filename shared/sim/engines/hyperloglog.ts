import { z } from 'zod'
import { type SimEngine, unreachable } from '../engine'
import { formatCount } from '../format'
import { appendBounded, appendLog } from '../history'
import { deriveSeed } from '../random'
import { SERIES_LIMIT } from '../view'
import { hashItem, ITEM_HASH_LABELS, type ItemHash, itemHashSchema } from './hyperloglog/item-hash'
import {
  createSketch,
  type HllSketch,
  harmonicSum,
  insertHash,
  MAX_PRECISION,
  MIN_PRECISION,
  zeroRegisters,
} from './hyperloglog/sketch'
import { hyperLogLogView } from './hyperloglog/view'
import { createVisitorStream, type StreamPosition } from './hyperloglog/visitor-stream'

export { mergeSketches } from './hyperloglog/sketch'

const precisionSchema = z.number().int().min(MIN_PRECISION).max(MAX_PRECISION)

export const hyperLogLogParamsSchema = z
  .object({
    /** p: the sketch has m = 2^p registers. */
    precision: precisionSchema.default(10),
    hash: itemHashSchema.default('murmur3'),
    /** Share of views that come from a visitor already seen. */
    repeatShare: z.number().min(0).max(0.95).default(0.5),
  })
  .strict()
export type HyperLogLogParams = z.infer<typeof hyperLogLogParamsSchema>

export const hyperLogLogEventSchema = z.discriminatedUnion('type', [
  /** A batch of page views arrives and is added to the sketch. */
  z.object({ type: z.literal('arrive'), count: z.number().int().min(1).max(200_000) }).strict(),
  /** Rebuild the sketch from the same views with 2^precision registers ("precision too low"). */
  z.object({ type: z.literal('set-precision'), precision: precisionSchema }).strict(),
  /** Rebuild the sketch from the same views with another hash function ("bad hash"). */
  z.object({ type: z.literal('set-hash'), hash: itemHashSchema }).strict(),
])
export type HyperLogLogEvent = z.infer<typeof hyperLogLogEventSchema>

/** One chart point: integers and an exact dyadic sum, so the (log-based) estimate is left to view(). */
export interface HllSample {
  distinct: number
  registers: number
  harmonicSum: number
  zeros: number
}

export interface HyperLogLogState {
  seed: number
  repeatShare: number
  hash: ItemHash
  /** murmur3's seed, so different scenario seeds hash the same ids differently. */
  hashSeed: number
  sketch: HllSketch
  stream: StreamPosition
  lastBatch: { views: number; newVisitors: number; registersRaised: number }
  samples: HllSample[]
  log: string[]
}

export const hyperLogLogEngine: SimEngine<HyperLogLogParams, HyperLogLogState, HyperLogLogEvent> = {
  id: 'hyperloglog',
  params: hyperLogLogParamsSchema,
  events: hyperLogLogEventSchema,

  init(params, seed) {
    return {
      seed,
      repeatShare: params.repeatShare,
      hash: params.hash,
      hashSeed: deriveSeed(seed, 'hash'),
      sketch: createSketch(params.precision),
      stream: { views: 0, distinct: 0 },
      lastBatch: { views: 0, newVisitors: 0, registersRaised: 0 },
      samples: [],
      log: [],
    }
  },

  apply(state, event) {
    // the registers are the only part updated in place, so only they are copied
    switch (event.type) {
      case 'arrive': {
        const sketch = structuredClone(state.sketch)
        const fed = feedViews(state, sketch, state.stream, event.count)
        const lastBatch = {
          views: event.count,
          newVisitors: fed.position.distinct - state.stream.distinct,
          registersRaised: fed.registersRaised,
        }
        return withSample({
          ...state,
          sketch,
          stream: fed.position,
          lastBatch,
          log: appendLog(
            state.log,
            viewsStamp(fed.position),
            `+${formatCount(event.count)} views: ${formatCount(lastBatch.newVisitors)} new visitors, ${formatCount(lastBatch.registersRaised)} registers raised`,
          ),
        })
      }
      case 'set-precision': {
        const rebuilt = rebuild(state, event.precision, state.hash)
        const line = `sketch rebuilt with p = ${event.precision}: ${formatCount(2 ** event.precision)} registers`
        return withSample({ ...rebuilt, log: appendLog(state.log, viewsStamp(state.stream), line) })
      }
      case 'set-hash': {
        const rebuilt = rebuild(state, state.sketch.precision, event.hash)
        const line = `sketch rebuilt with ${ITEM_HASH_LABELS[event.hash]}`
        return withSample({ ...rebuilt, log: appendLog(state.log, viewsStamp(state.stream), line) })
      }
      default:
        return unreachable(event)
    }
  },

  view: hyperLogLogView,
}

/** Adds `count` views from `from` to `sketch` (in place). */
function feedViews(
  state: HyperLogLogState,
  sketch: HllSketch,
  from: StreamPosition,
  count: number,
): { position: StreamPosition; registersRaised: number } {
  const stream = createVisitorStream(state.seed, state.repeatShare)
  let position = from
  let registersRaised = 0
  for (let i = 0; i < count; i++) {
    const { visitor, next } = stream(position)
    if (insertHash(sketch, hashItem(state.hash, visitor, state.hashSeed))) registersRaised++
    position = next
  }
  return { position, registersRaised }
}

/** The state with a fresh sketch fed every view so far: same visitors, another precision or hash. */
function rebuild(state: HyperLogLogState, precision: number, hash: ItemHash): HyperLogLogState {
  const next = { ...state, hash, sketch: createSketch(precision) }
  const fed = feedViews(next, next.sketch, { views: 0, distinct: 0 }, state.stream.views)
  const lastBatch = {
    views: state.stream.views,
    newVisitors: state.stream.distinct,
    registersRaised: fed.registersRaised,
  }
  return { ...next, lastBatch }
}

/** The state with a chart sample of its registers appended. */
function withSample(state: HyperLogLogState): HyperLogLogState {
  const { registers } = state.sketch
  const sample: HllSample = {
    distinct: state.stream.distinct,
    registers: registers.length,
    harmonicSum: harmonicSum(registers),
    zeros: zeroRegisters(registers),
  }
  return { ...state, samples: appendBounded(state.samples, sample, SERIES_LIMIT) }
}

/** Log lines are stamped with the number of views so far, HyperLogLog's logical clock. */
function viewsStamp(position: StreamPosition): string {
  return `[${formatCount(position.views)} views]`
}
