/** A request waiting for, or holding, a place in the batch. */
export interface Sequence {
  id: number
  prompt: number
  output: number
  /** Output tokens generated so far (kept across an eviction: they are recomputed, not lost). */
  generated: number
  arrivedAtMs: number
  evictions: number
}

/** Tokens a sequence holds in the KV cache: its prompt and what it has generated. */
export function contextTokens(sequence: Sequence): number {
  return sequence.prompt + sequence.generated
}

/** Tokens a sequence may need by the time it finishes (what admission control reserves). */
export function reservedTokens(sequence: Sequence): number {
  return sequence.prompt + sequence.output
}

/** Sum of a per-sequence figure. */
export function total(sequences: readonly Sequence[], figure: (sequence: Sequence) => number): number {
  return sequences.reduce((sum, sequence) => sum + figure(sequence), 0)
}
