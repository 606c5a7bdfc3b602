/** The `p`-th percentile (0–100) of `values` by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

/** The median of `values` (nearest rank, like `percentile`). */
export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** The arithmetic mean of `values`; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  return values.reduce((sum, v) => sum + v, 0) / values.length
}

/** ours / reference, or NaN when the reference is zero or missing. */
export function ratio(ours: number, reference: number): number {
  return reference > 0 && Number.isFinite(reference) ? ours / reference : Number.NaN
}
