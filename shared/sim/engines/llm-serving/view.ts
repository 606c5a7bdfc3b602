import { formatCount, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import type { LlmServingState } from '../llm-serving'
import { kvBudgetBytes, kvBytesPerToken, kvCapacityTokens, weightBytes } from './gpu-budget'
import { contextTokens, total } from './sequences'

const GB = 1_000_000_000

/** Tokens per second one sequence alone can reach: bandwidth / weight bytes (reading all weights per token). */
export function batchOneCeiling(state: LlmServingState): number {
  return (state.model.bandwidthGBs * GB) / weightBytes(state.model)
}

/** The panel and overlay for an LLM server: GPU memory, batch, step time and tokens per second. */
export function llmServingView(state: LlmServingState): SimView {
  const { model, lastStep: last, totals } = state
  const capacity = kvCapacityTokens(model)
  const kvTokens = total(state.running, contextTokens)
  const kvShare = capacity === 0 ? 1 : kvTokens / capacity
  const perToken = kvBytesPerToken(model)
  const tokensPerSecond = last.seconds === 0 ? 0 : last.decodeTokens / last.seconds
  const overall = state.elapsedMs === 0 ? 0 : totals.generated / (state.elapsedMs / 1000)
  const oldestWaitMs =
    state.waiting.length === 0 ? 0 : state.elapsedMs - Math.min(...state.waiting.map((s) => s.arrivedAtMs))
  const kvHealth: Health = last.evicted > 0 ? 'failed' : kvShare >= 0.9 ? 'hot' : 'healthy'
  const queueHealth: Health = state.waiting.length > 0 ? (last.evicted > 0 ? 'degraded' : 'hot') : 'healthy'
  const gqa = model.kvHeads < model.heads ? `GQA ${model.heads}/${model.kvHeads}` : 'full multi-head'

  return {
    clock: { value: state.tick, unit: 'step' },
    nodes: {
      requests: {
        health: queueHealth,
        badges: [`${formatCount(state.waiting.length)} waiting`, `oldest ${formatCount(oldestWaitMs)} ms`],
      },
      scheduler: {
        health: last.evicted > 0 ? 'failed' : 'healthy',
        badges: [
          state.admission === 'reserve' ? 'reserves prompt + output' : 'no admission control',
          `batch ${last.batch}`,
        ],
      },
      weights: {
        health: last.bound === 'memory' ? 'hot' : 'healthy',
        badges: [
          `${round(weightBytes(model) / GB, 1)} GB at ${model.weightBits} bits`,
          `${last.bound}-bound`,
        ],
      },
      'kv-cache': {
        health: kvHealth,
        badges: [
          `${round((kvTokens * perToken) / GB, 1)} / ${round(kvBudgetBytes(model) / GB, 1)} GB`,
          `${round(perToken / 1024)} KiB per token (${gqa})`,
        ],
      },
      attention: { health: 'healthy', badges: [`reads ${formatCount(kvTokens)} cached tokens`] },
      output: {
        health: last.evicted > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(tokensPerSecond)} tokens/s`, `step ${round(last.seconds * 1000, 1)} ms`],
      },
    },
    edges: {
      [edgeId('requests', 'scheduler')]: { rate: last.admitted, label: `${last.admitted} admitted` },
      [edgeId('scheduler', 'attention')]: { rate: last.batch, label: `batch ${last.batch}` },
      [edgeId('weights', 'attention')]: {
        rate: 1,
        label: `${round(weightBytes(model) / GB, 1)} GB per step`,
      },
      [edgeId('kv-cache', 'attention')]: {
        rate: kvTokens,
        label: `${round((kvTokens * perToken) / GB, 1)} GB per step`,
      },
      [edgeId('attention', 'kv-cache')]: {
        rate: last.batch,
        label: `+${last.decodeTokens + last.prefillTokens} tokens`,
      },
      [edgeId('attention', 'output')]: {
        rate: tokensPerSecond,
        label: `${formatCount(tokensPerSecond)} tokens/s`,
      },
    },
    metrics: [
      { id: 'batch', label: 'Sequences in the batch', value: last.batch, unit: 'sequences' },
      { id: 'waiting', label: 'Requests waiting', value: state.waiting.length, unit: 'requests' },
      {
        id: 'tokens-per-second',
        label: 'Tokens per second (last step)',
        value: round(tokensPerSecond),
        unit: 'tokens/s',
      },
      {
        id: 'mean-tokens-per-second',
        label: 'Tokens per second (whole run)',
        value: round(overall),
        unit: 'tokens/s',
      },
      {
        id: 'batch-one-ceiling',
        label: 'Batch-1 ceiling (bandwidth / weights)',
        value: round(batchOneCeiling(state)),
        unit: 'tokens/s',
      },
      { id: 'step-ms', label: 'Step time', value: round(last.seconds * 1000, 2), unit: 'ms' },
      { id: 'weights-gb', label: 'Weights', value: round(weightBytes(model) / GB, 2), unit: 'GB' },
      { id: 'kv-bytes-per-token', label: 'KV cache per token', value: perToken, unit: 'bytes' },
      { id: 'kv-capacity-tokens', label: 'KV cache capacity', value: capacity, unit: 'tokens' },
      { id: 'kv-used-gb', label: 'KV cache in use', value: round((kvTokens * perToken) / GB, 2), unit: 'GB' },
      { id: 'kv-share', label: 'KV cache full', value: round(kvShare * 100, 1), unit: '%' },
      { id: 'completed', label: 'Requests completed', value: totals.completed, unit: 'requests' },
      { id: 'evictions', label: 'Evictions', value: totals.evictions, unit: 'sequences' },
      {
        id: 'wasted-tokens',
        label: 'Tokens recomputed after eviction',
        value: totals.wastedTokens,
        unit: 'tokens',
      },
      { id: 'rejected', label: 'Requests too long to ever fit', value: totals.rejected, unit: 'requests' },
      { id: 'elapsed-ms', label: 'Elapsed', value: round(state.elapsedMs), unit: 'ms' },
    ],
    series: [
      {
        id: 'tokens-per-second',
        label: 'Tokens per second (last step)',
        points: state.history.tokensPerSecond.map((v) => round(v)),
      },
      { id: 'batch', label: 'Sequences in the batch', points: state.history.batch },
      {
        id: 'kv-share',
        label: 'KV cache full (%)',
        points: state.history.kvShare.map((share) => round(share * 100, 1)),
      },
    ],
    log: state.log,
  }
}
