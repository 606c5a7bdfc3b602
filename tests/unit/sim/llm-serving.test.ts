import { describe, expect, it } from 'vitest'
import { type LlmServingState, llmServingEngine } from '../../../shared/sim/engines/llm-serving'
import { metric } from './sim-test-kit'

const engine = llmServingEngine
const start = (rawParams: unknown = {}) => engine.init(engine.params.parse(rawParams), 3)
const run = (state: LlmServingState, ...rawEvents: unknown[]) =>
  rawEvents.reduce<LlmServingState>((current, raw) => engine.apply(current, engine.events.parse(raw)), state)
const figure = (state: LlmServingState, id: string) => metric(engine.view(state), id)

// The example figures, written out: an 8B dense model, 32 layers, d_model 4,096, 32 query heads and
// 8 KV heads, FP16, on one 80 GB GPU with 2 TB/s and 312 TFLOP/s, 4 GB kept for the runtime.
const L = 32
const d = 4_096
const bytes = 2
const weights = 8e9 * bytes
const bandwidth = 2e12
const kvPerTokenFull = 2 * L * d * bytes
const kvPerTokenGqa = (kvPerTokenFull * 8) / 32
const kvBudget = 80e9 - 4e9 - weights

describe('llm-serving engine', () => {
  it('fills the KV cache with 2 · layers · d_model · bytes · (kv heads / heads) per token held', () => {
    const state = run(
      start(),
      { type: 'arrive', count: 1, promptTokens: 1_000, outputTokens: 100 },
      { type: 'arrive', count: 1, promptTokens: 500, outputTokens: 100 },
      { type: 'arrive', count: 1, promptTokens: 200, outputTokens: 100 },
      { type: 'tick', steps: 10 },
    )
    const tokensHeld = 1_000 + 500 + 200 + 3 * 10
    expect(figure(state, 'kv-bytes-per-token')).toBe(131_072)
    expect(figure(state, 'kv-bytes-per-token')).toBe(kvPerTokenGqa)
    expect(figure(state, 'kv-used-gb')).toBeCloseTo((kvPerTokenGqa * tokensHeld) / 1e9, 2)
    expect(figure(state, 'kv-capacity-tokens')).toBe(Math.floor(kvBudget / kvPerTokenGqa))
    const fullHeads = run(start({ kvHeads: 32 }), { type: 'tick', steps: 1 })
    expect(figure(fullHeads, 'kv-bytes-per-token')).toBe(kvPerTokenFull)
    expect(figure(fullHeads, 'kv-capacity-tokens')).toBe(Math.floor(kvBudget / kvPerTokenFull))
  })

  it('decodes one sequence at about bandwidth / weight bytes: 125 tokens/s for 16 GB at 2 TB/s', () => {
    const state = run(
      start(),
      { type: 'arrive', count: 1, promptTokens: 1_000, outputTokens: 100 },
      { type: 'tick', steps: 20 },
    )
    const context = 1_000 + 20
    expect(figure(state, 'tokens-per-second')).toBeCloseTo(bandwidth / (weights + context * kvPerTokenGqa), 1)
    expect(figure(state, 'batch-one-ceiling')).toBe(bandwidth / weights)
    expect(figure(state, 'batch-one-ceiling')).toBe(125)
    expect(Math.abs(figure(state, 'tokens-per-second') - 125) / 125).toBeLessThan(0.01)
    const int8 = run(start({ weightBits: 8 }), { type: 'tick', steps: 1 })
    expect(figure(int8, 'batch-one-ceiling')).toBe(250)
  })

  it('takes the slower of memory and compute: a long prefill is compute-bound, decoding is memory-bound', () => {
    const prefill = run(
      start(),
      { type: 'arrive', count: 1, promptTokens: 8_000, outputTokens: 10 },
      { type: 'tick', steps: 1 },
    )
    const flops = 2 * 8e9 * (8_000 + 1)
    expect(figure(prefill, 'step-ms')).toBeCloseTo((flops / 312e12) * 1000, 1)
    const decode = run(prefill, { type: 'tick', steps: 1 })
    expect(figure(decode, 'step-ms')).toBeCloseTo(((weights + 8_002 * kvPerTokenGqa) / bandwidth) * 1000, 2)
  })

  it('raises tokens/s with batch size, and flattens as the KV cache fills and admission holds the rest', () => {
    let state = start()
    const rates: number[] = []
    for (const batch of [1, 8, 32, 64, 128, 152]) {
      state = run(
        start(),
        { type: 'arrive', count: batch, promptTokens: 2_000, outputTokens: 1_000 },
        { type: 'tick', steps: 5 },
      )
      rates.push(figure(state, 'tokens-per-second'))
    }
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1] as number)
    expect((rates[1] as number) / (rates[0] as number)).toBeGreaterThan(6) // nearly free at small batches
    expect((rates[5] as number) / (rates[4] as number)).toBeLessThan(1.1) // flat near the memory limit
    // 3,000 tokens reserved per request: the cache admits ⌊capacity / 3,000⌋ of 200 and queues the rest
    const full = run(
      start(),
      { type: 'arrive', count: 200, promptTokens: 2_000, outputTokens: 1_000 },
      { type: 'tick', steps: 5 },
    )
    const fits = Math.floor(Math.floor(kvBudget / kvPerTokenGqa) / 3_000)
    expect(figure(full, 'batch')).toBe(fits)
    expect(figure(full, 'waiting')).toBe(200 - fits)
    expect(figure(full, 'evictions')).toBe(0)
  })

  it('without admission control, a burst of 8k-token prompts evicts sequences and recomputes their tokens', () => {
    const burst = [
      { type: 'arrive', count: 64, promptTokens: 8_000, outputTokens: 1_000 },
      { type: 'tick', steps: 200 },
    ]
    const guarded = run(start(), ...burst)
    expect(figure(guarded, 'evictions')).toBe(0)
    expect(figure(guarded, 'batch')).toBe(Math.floor(Math.floor(kvBudget / kvPerTokenGqa) / 9_000))
    const unguarded = run(start({ admission: 'none' }), ...burst)
    expect(figure(unguarded, 'evictions')).toBeGreaterThan(0)
    expect(figure(unguarded, 'wasted-tokens')).toBeGreaterThan(8_000)
    // re-admitted victims redo their 8k-token prefill step after step: useful tokens/s collapse
    expect(figure(unguarded, 'mean-tokens-per-second')).toBeLessThan(
      figure(guarded, 'mean-tokens-per-second') / 10,
    )
  })

  it('ignores a KV head count that does not divide the query heads', () => {
    const state = run(start(), { type: 'set-kv-heads', kvHeads: 5 })
    expect(state.model.kvHeads).toBe(8)
    expect(state.log.at(-1)).toContain('ignored')
  })
})
