import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, type LogLine, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import { kvCapacityTokens, type ModelOnGpu, stepCost } from './llm-serving/gpu-budget'
import { contextTokens, reservedTokens, type Sequence, total } from './llm-serving/sequences'
import { llmServingView } from './llm-serving/view'
import { drawArrivals } from './load-leveling/arrivals'

const admissionSchema = z.enum(['reserve', 'none'])
const bitsSchema = z.union([z.literal(16), z.literal(8), z.literal(4)])

/** Example figures: an 8B-parameter dense model with GQA in FP16 on one 80 GB GPU at 2 TB/s. */
export const llmServingParamsSchema = z
  .object({
    parameters: z.number().int().min(1_000_000).max(2_000_000_000_000).default(8_000_000_000),
    layers: z.number().int().min(1).max(512).default(32),
    dModel: z.number().int().min(64).max(65_536).default(4_096),
    heads: z.number().int().min(1).max(512).default(32),
    /** Key/value heads: equal to heads is full multi-head attention, fewer is grouped-query attention. */
    kvHeads: z.number().int().min(1).max(512).default(8),
    weightBits: bitsSchema.default(16),
    kvBits: bitsSchema.default(16),
    gpuMemoryGB: z.number().int().min(1).max(10_000).default(80),
    /** Memory the runtime keeps for activations and buffers. */
    reservedGB: z.number().int().min(0).max(1_000).default(4),
    bandwidthGBs: z.number().int().min(1).max(100_000).default(2_000),
    peakTflops: z.number().int().min(1).max(100_000).default(312),
    /** Most sequences the scheduler runs in one batch. */
    maxBatch: z.number().int().min(1).max(1_024).default(256),
    /** reserve: admit only what fits at full length; none: admit everything and evict when memory runs out. */
    admission: admissionSchema.default('reserve'),
    /** Background requests per step (drawn per step around this mean). */
    arrivalRate: z.number().min(0).max(64).default(0),
    promptTokens: z.number().int().min(1).max(131_072).default(1_000),
    outputTokens: z.number().int().min(1).max(32_768).default(500),
  })
  .strict()
  .refine((p) => p.kvHeads <= p.heads && p.heads % p.kvHeads === 0, 'kvHeads must divide heads')
export type LlmServingParams = z.infer<typeof llmServingParamsSchema>

export const llmServingEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** `count` requests arrive with these prompt and output lengths. */
  z
    .object({
      type: z.literal('arrive'),
      count: z.number().int().min(1).max(1_024),
      promptTokens: z.number().int().min(1).max(131_072),
      outputTokens: z.number().int().min(1).max(32_768),
    })
    .strict(),
  /** Quantise (or restore) the weights. */
  z.object({ type: z.literal('set-weight-bits'), bits: bitsSchema }).strict(),
  /** Serve a variant with this many key/value heads (GQA). */
  z.object({ type: z.literal('set-kv-heads'), kvHeads: z.number().int().min(1).max(512) }).strict(),
  z.object({ type: z.literal('set-admission'), admission: admissionSchema }).strict(),
  z.object({ type: z.literal('set-arrival-rate'), perStep: z.number().min(0).max(64) }).strict(),
])
export type LlmServingEvent = z.infer<typeof llmServingEventSchema>

/** What the last step did. */
export interface LlmStep {
  batch: number
  admitted: number
  prefillTokens: number
  decodeTokens: number
  evicted: number
  seconds: number
  bound: 'memory' | 'compute'
}

export interface LlmServingState {
  params: LlmServingParams
  seed: number
  tick: number
  model: ModelOnGpu
  admission: z.infer<typeof admissionSchema>
  arrivalRate: number
  waiting: Sequence[]
  running: Sequence[]
  nextId: number
  /** Logical time in milliseconds: the sum of step times. */
  elapsedMs: number
  totals: {
    generated: number
    completed: number
    rejected: number
    evictions: number
    wastedTokens: number
    prefillTokens: number
  }
  lastStep: LlmStep
  history: { tokensPerSecond: number[]; batch: number[]; kvShare: number[] }
  log: string[]
}

export const llmServingEngine: SimEngine<LlmServingParams, LlmServingState, LlmServingEvent> = {
  id: 'llm-serving',
  params: llmServingParamsSchema,
  events: llmServingEventSchema,

  init(params, seed) {
    const { admission, arrivalRate, maxBatch: _b, promptTokens: _p, outputTokens: _o, ...model } = params
    return {
      params,
      seed,
      tick: 0,
      model,
      admission,
      arrivalRate,
      waiting: [],
      running: [],
      nextId: 1,
      elapsedMs: 0,
      totals: { generated: 0, completed: 0, rejected: 0, evictions: 0, wastedTokens: 0, prefillTokens: 0 },
      lastStep: {
        batch: 0,
        admitted: 0,
        prefillTokens: 0,
        decodeTokens: 0,
        evicted: 0,
        seconds: 0,
        bound: 'memory',
      },
      history: { tokensPerSecond: [], batch: [], kvShare: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneStep(next, log)
          return next
        case 'arrive':
          for (let i = 0; i < event.count; i++) enqueue(next, event.promptTokens, event.outputTokens)
          log(
            `${event.count} request(s): ${event.promptTokens}-token prompts, ${event.outputTokens} tokens out`,
          )
          return next
        case 'set-weight-bits':
          next.model.weightBits = event.bits
          log(`weights quantised to ${event.bits} bits`)
          return next
        case 'set-kv-heads':
          if (event.kvHeads > next.model.heads || next.model.heads % event.kvHeads !== 0) {
            log(`ignored: ${event.kvHeads} KV heads do not divide ${next.model.heads} query heads`)
            return next
          }
          next.model.kvHeads = event.kvHeads
          log(`${event.kvHeads} KV heads for ${next.model.heads} query heads`)
          return next
        case 'set-admission':
          next.admission = event.admission
          log(event.admission === 'reserve' ? 'admission control on' : 'admission control off')
          return next
        case 'set-arrival-rate':
          next.arrivalRate = event.perStep
          log(`background traffic ${event.perStep} requests per step`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: llmServingView,
}

function enqueue(state: LlmServingState, prompt: number, output: number): void {
  state.waiting.push({
    id: state.nextId,
    prompt,
    output,
    generated: 0,
    arrivedAtMs: state.elapsedMs,
    evictions: 0,
  })
  state.nextId++
}

/**
 * One engine step: background arrivals, admission, prefill of the newly admitted, one decoded token
 * for every running sequence, evictions if memory overflowed, then the step's time (in place).
 */
function advanceOneStep(state: LlmServingState, log: LogLine): void {
  state.tick++
  const { params } = state
  const random = randomStream(state.seed, 'arrivals', state.tick)
  const arrivals = drawArrivals(random, state.arrivalRate)
  for (let i = 0; i < arrivals; i++) {
    // background requests vary by up to ±50% around the configured lengths
    const prompt = Math.max(
      1,
      params.promptTokens - Math.floor(params.promptTokens / 2) + random.below(params.promptTokens + 1),
    )
    const output = Math.max(
      1,
      params.outputTokens - Math.floor(params.outputTokens / 2) + random.below(params.outputTokens + 1),
    )
    enqueue(state, prompt, output)
  }

  const capacity = kvCapacityTokens(state.model)
  const admitted = admit(state, capacity)
  const prefillTokens = total(admitted, contextTokens)
  for (const sequence of state.running) sequence.generated++
  const decodeTokens = state.running.length
  const evicted = evictUntilFits(state, capacity)
  if (evicted.length > 0)
    log(`KV cache full: ${evicted.length} sequence(s) evicted, their tokens to be recomputed`)

  const kvTokens = total(state.running, contextTokens)
  const cost = stepCost(state.model, kvTokens, prefillTokens + decodeTokens)
  state.elapsedMs += cost.seconds * 1000
  const delivered = decodeTokens - evicted.length
  const finished = state.running.filter((sequence) => sequence.generated >= sequence.output)
  state.running = state.running.filter((sequence) => sequence.generated < sequence.output)

  const { totals } = state
  totals.generated += delivered
  totals.completed += finished.length
  totals.evictions += evicted.length
  totals.wastedTokens += total(evicted, contextTokens)
  totals.prefillTokens += prefillTokens
  state.lastStep = {
    batch: decodeTokens,
    admitted: admitted.length,
    prefillTokens,
    decodeTokens: delivered,
    evicted: evicted.length,
    seconds: cost.seconds,
    bound: cost.bound,
  }
  const { history } = state
  history.tokensPerSecond = appendPoint(history.tokensPerSecond, delivered / cost.seconds)
  history.batch = appendPoint(history.batch, state.running.length)
  history.kvShare = appendPoint(history.kvShare, capacity === 0 ? 1 : kvTokens / capacity)
}

/**
 * Moves waiting sequences into the batch, oldest first (in place). With admission control a
 * sequence enters only if every running sequence can still reach its full length in memory;
 * without it, anything enters while the batch has room.
 */
function admit(state: LlmServingState, capacity: number): Sequence[] {
  const admitted: Sequence[] = []
  let reserved = total(state.running, reservedTokens)
  while (state.waiting.length > 0 && state.running.length < state.params.maxBatch) {
    const head = state.waiting[0] as Sequence
    if (state.admission === 'reserve' && reservedTokens(head) > capacity) {
      state.waiting.shift() // it could never fit: refuse it rather than block everyone behind it
      state.totals.rejected++
      continue
    }
    if (state.admission === 'reserve' && reserved + reservedTokens(head) > capacity) break
    state.waiting.shift()
    state.running.push(head)
    admitted.push(head)
    reserved += reservedTokens(head)
  }
  return admitted
}

/** Evicts the most recently admitted sequences until the cache fits; they wait at the front again (in place). */
function evictUntilFits(state: LlmServingState, capacity: number): Sequence[] {
  const evicted: Sequence[] = []
  while (state.running.length > 0 && total(state.running, contextTokens) > capacity) {
    const victim = state.running.pop() as Sequence
    victim.generated = Math.max(0, victim.generated - 1) // the token decoded this step is lost with its cache
    victim.evictions++
    evicted.push(victim)
  }
  state.waiting.unshift(...evicted.reverse())
  return evicted
}
