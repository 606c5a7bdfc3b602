import { z } from 'zod'
import { type SimEngine, unreachable } from '../engine'
import { formatCount, formatPercent, round } from '../format'
import { appendBounded, appendLog } from '../history'
import { deriveSeed } from '../random'
import { edgeId, type Health, SERIES_LIMIT, type SimView } from '../view'
import { ITEM_HASH_LABELS, type ItemHash, hashItem, itemHashSchema } from './hyperloglog/item-hash'
import {
  createSketch,
  estimateFromSummary,
  type HllSketch,
  harmonicSum,
  insertHash,
  MAX_PRECISION,
  MIN_PRECISION,
  standardError,
  zeroRegisters,
} from './hyperloglog/sketch'
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
interface HllSample {
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
    switch (event.type) {
      case 'arrive': {
        const sketch = structuredClone(state.sketch)
        const fed = feedViews(state, sketch, state.stream, event.count)
        const lastBatch = {
          views: event.count,
          newVisitors: fed.position.distinct - state.stream.distinct,
          registersRaised: fed.registersRaised,
        }
        return withSample(
          {
            ...state,
            sketch,
            stream: fed.position,
            lastBatch,
            log: appendLog(
              state.log,
              viewsStamp(fed.position),
              `+${formatCount(event.count)} views: ${formatCount(lastBatch.newVisitors)} new visitors, ${formatCount(lastBatch.registersRaised)} registers raised`,
            ),
          },
        )
      }
      case 'set-precision': {
        const rebuilt = rebuild({ ...state, sketch: createSketch(event.precision) })
        const line = `sketch rebuilt with p = ${event.precision}: ${formatCount(2 ** event.precision)} registers`
        return withSample({ ...rebuilt, log: appendLog(state.log, viewsStamp(state.stream), line) })
      }
      case 'set-hash': {
        const rebuilt = rebuild({ ...state, hash: event.hash, sketch: createSketch(state.sketch.precision) })
        const line = `sketch rebuilt with ${ITEM_HASH_LABELS[event.hash]}`
        return withSample({ ...rebuilt, log: appendLog(state.log, viewsStamp(state.stream), line) })
      }
      default:
        return unreachable(event)
    }
  },

  view(state) {
    return viewOf(state)
  },
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

/** Feeds every view so far into the state's (fresh) sketch: same visitors, new precision or hash. */
function rebuild(state: HyperLogLogState): HyperLogLogState {
  const sketch = structuredClone(state.sketch)
  const fed = feedViews(state, sketch, { views: 0, distinct: 0 }, state.stream.views)
  const lastBatch = { views: state.stream.views, newVisitors: state.stream.distinct, registersRaised: fed.registersRaised }
  return { ...state, sketch, lastBatch }
}

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

function viewsStamp(position: StreamPosition): string {
  return `[${formatCount(position.views)} views]`
}

/** Relative error of a sample's estimate (0 while nothing has arrived). */
function relativeError(sample: HllSample): number {
  if (sample.distinct === 0) return 0
  const { estimate } = estimateFromSummary(sample.registers, sample.harmonicSum, sample.zeros)
  return (estimate - sample.distinct) / sample.distinct
}

function viewOf(state: HyperLogLogState): SimView {
  const { registers } = state.sketch
  const m = registers.length
  const sum = harmonicSum(registers)
  const zeros = zeroRegisters(registers)
  const exact = state.stream.distinct
  const { raw, estimate, range } = estimateFromSummary(m, sum, zeros)
  const shownEstimate = exact === 0 ? 0 : estimate
  const error = exact === 0 ? 0 : (estimate - exact) / exact
  const expectedError = standardError(m)
  const maxRank = registers.reduce((max, value) => Math.max(max, value), 0)
  const rankCounts = Array.from({ length: maxRank + 1 }, (_, r) => registers.filter((value) => value === r).length)
  const badHash = state.hash !== 'murmur3'
  const estimatorHealth: Health =
    Math.abs(error) > 0.5 ? 'failed' : Math.abs(error) > 3 * expectedError ? 'degraded' : 'healthy'
  // 5 bits hold any rank of a 32-bit hash
  const sketchBytes = Math.ceil((m * 5) / 8)

  return {
    clock: { value: state.stream.views, unit: 'view' },
    nodes: {
      visitors: {
        health: 'healthy',
        badges: [`${formatCount(state.stream.views)} views`, `${formatCount(exact)} distinct`],
      },
      hasher: { health: badHash ? 'degraded' : 'healthy', badges: [ITEM_HASH_LABELS[state.hash]] },
      registers: {
        health: m < 256 ? 'degraded' : 'healthy',
        badges: [`m = ${formatCount(m)}`, `${formatCount(zeros)} empty`, `max rank ${maxRank}`, `${formatCount(sketchBytes)} B`],
      },
      estimator: {
        health: estimatorHealth,
        badges: [`≈ ${formatCount(shownEstimate)}`, `error ${formatPercent(error)}`, `±${formatPercent(expectedError)} expected`],
      },
    },
    edges: {
      [edgeId('visitors', 'hasher')]: {
        rate: state.lastBatch.views,
        label: `${formatCount(state.lastBatch.views)} views`,
      },
      [edgeId('hasher', 'registers')]: {
        rate: state.lastBatch.registersRaised,
        label: `${formatCount(state.lastBatch.registersRaised)} registers raised`,
      },
      [edgeId('registers', 'estimator')]: { rate: m, label: range === 'small-range' ? 'linear counting' : 'harmonic mean' },
    },
    metrics: [
      { id: 'estimate', label: 'Estimated distinct visitors', value: Math.round(shownEstimate), unit: 'visitors' },
      { id: 'exact', label: 'Exact distinct visitors', value: exact, unit: 'visitors' },
      { id: 'relative-error', label: 'Relative error', value: round(error * 100), unit: '%' },
      { id: 'standard-error', label: 'Expected error (1.04/√m)', value: round(expectedError * 100), unit: '%' },
      { id: 'raw-estimate', label: 'Raw harmonic-mean estimate', value: Math.round(exact === 0 ? 0 : raw), unit: 'visitors' },
      { id: 'registers', label: 'Registers (m)', value: m, unit: 'registers' },
      { id: 'zero-registers', label: 'Empty registers (V)', value: zeros, unit: 'registers' },
      { id: 'sketch-bytes', label: 'Sketch size', value: sketchBytes, unit: 'B' },
    ],
    series: [
      { id: 'estimate', label: 'Estimate', points: state.samples.map(estimateOf) },
      { id: 'exact', label: 'Exact', points: state.samples.map((sample) => sample.distinct) },
      {
        id: 'relative-error',
        label: 'Relative error (%)',
        points: state.samples.map((sample) => round(relativeError(sample) * 100)),
      },
      { id: 'register-ranks', label: 'Registers per rank', points: rankCounts },
    ],
    log: state.log,
  }
}

function estimateOf(sample: HllSample): number {
  if (sample.distinct === 0) return 0
  return Math.round(estimateFromSummary(sample.registers, sample.harmonicSum, sample.zeros).estimate)
}
