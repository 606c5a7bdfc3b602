/** The model and GPU figures the memory budget and step time are computed from. */
export interface ModelOnGpu {
  parameters: number
  layers: number
  dModel: number
  heads: number
  kvHeads: number
  weightBits: number
  kvBits: number
  gpuMemoryGB: number
  reservedGB: number
  bandwidthGBs: number
  peakTflops: number
}

const GB = 1_000_000_000

/** Bytes of weights: parameters × bits / 8. */
export function weightBytes(model: ModelOnGpu): number {
  return (model.parameters * model.weightBits) / 8
}

/**
 * Bytes one token adds to the KV cache: 2 (K and V) × layers × d_model × bytes per value, shrunk by
 * kvHeads / heads when groups of query heads share one key/value head (GQA).
 */
export function kvBytesPerToken(model: ModelOnGpu): number {
  return (2 * model.layers * model.dModel * model.kvHeads * model.kvBits) / (model.heads * 8)
}

/** Bytes left for the KV cache once the weights and the runtime's working memory are in. */
export function kvBudgetBytes(model: ModelOnGpu): number {
  return Math.max(0, (model.gpuMemoryGB - model.reservedGB) * GB - weightBytes(model))
}

/** Tokens the KV cache can hold. */
export function kvCapacityTokens(model: ModelOnGpu): number {
  return Math.floor(kvBudgetBytes(model) / kvBytesPerToken(model))
}

/** What one engine step costs: bytes read from memory, arithmetic, and the time the slower one takes. */
export interface StepCost {
  bytesRead: number
  flops: number
  seconds: number
  bound: 'memory' | 'compute'
}

/**
 * One step reads every weight once (shared by the whole batch) and the KV cache of every running
 * sequence, and does about 2 FLOPs per parameter per token processed (prompt tokens included);
 * its time is the larger of bytes / bandwidth and FLOPs / peak.
 */
export function stepCost(model: ModelOnGpu, kvTokens: number, tokensProcessed: number): StepCost {
  const bytesRead = weightBytes(model) + kvTokens * kvBytesPerToken(model)
  const flops = 2 * model.parameters * tokensProcessed
  const memorySeconds = bytesRead / (model.bandwidthGBs * GB)
  const computeSeconds = flops / (model.peakTflops * 1_000 * GB)
  return computeSeconds > memorySeconds
    ? { bytesRead, flops, seconds: computeSeconds, bound: 'compute' }
    : { bytesRead, flops, seconds: memorySeconds, bound: 'memory' }
}
