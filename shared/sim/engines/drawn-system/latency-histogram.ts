/**
 * End-to-end latencies of simulated requests, counted in buckets about 6% wide from 0.1 ms to
 * beyond 60 s. The bounds are built with integer steps only, so every screen has the same table.
 */
export const BUCKET_BOUNDS_US: readonly number[] = (() => {
  const bounds = [100]
  while ((bounds[bounds.length - 1] as number) < 120_000_000) {
    const last = bounds[bounds.length - 1] as number
    bounds.push(last + Math.max(1, Math.floor(last / 16)))
  }
  return bounds
})()

/** The bucket of a latency: the first whose upper bound holds it. */
export function bucketOf(latencyUs: number): number {
  let low = 0
  let high = BUCKET_BOUNDS_US.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if ((BUCKET_BOUNDS_US[mid] as number) >= latencyUs) high = mid
    else low = mid + 1
  }
  return low
}

/** A sparse histogram as [bucket, count, bucket, count, …], buckets ascending. */
export type SparseHistogram = number[]

/** A tick's counts as a sparse histogram. */
export function toSparse(counts: ReadonlyMap<number, number>): SparseHistogram {
  const out: number[] = []
  for (const bucket of [...counts.keys()].sort((a, b) => a - b))
    out.push(bucket, counts.get(bucket) as number)
  return out
}

/**
 * The p-th percentile (0–100) of the latencies in `histograms` together, by nearest rank, as the
 * upper bound of its bucket in µs; null when nothing completed (no latency to speak of, not 0).
 */
export function percentileUs(histograms: readonly SparseHistogram[], p: number): number | null {
  const counts = new Map<number, number>()
  let total = 0
  for (const histogram of histograms) {
    for (let i = 0; i < histogram.length; i += 2) {
      const bucket = histogram[i] as number
      const count = histogram[i + 1] as number
      counts.set(bucket, (counts.get(bucket) ?? 0) + count)
      total += count
    }
  }
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil((p * total) / 100))
  let seen = 0
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bucket) as number
    if (seen >= rank) return BUCKET_BOUNDS_US[bucket] as number
  }
  return BUCKET_BOUNDS_US[BUCKET_BOUNDS_US.length - 1] as number
}

/** The p-th percentile in ms, or null when nothing completed. */
export function latencyMs(histograms: readonly SparseHistogram[], p: number): number | null {
  const us = percentileUs(histograms, p)
  return us === null ? null : us / 1000
}
