import type { Random } from '../../random'

/** Upper bounds (ms) of the latency histogram buckets. */
export const LATENCY_BUCKETS_MS = [25, 50, 75, 100, 150, 200, 300, 500, 800, 1_200, 2_000] as const

/**
 * Latency profiles as integer weights per 10,000 requests: literal integers, so every screen
 * puts the same draw in the same bucket (no exp/log-based distribution).
 */
const LATENCY_PROFILES = {
  fast: [800, 3_000, 3_000, 1_800, 900, 300, 120, 50, 20, 7, 3],
  slow: [100, 600, 1_400, 2_200, 2_400, 1_500, 900, 500, 250, 100, 50],
} as const satisfies Record<string, readonly number[]>
export type LatencyProfile = keyof typeof LATENCY_PROFILES

/** How one version behaves. */
export interface VersionBehaviour {
  errorRate: number
  latency: LatencyProfile
}

/** Requests, errors and a latency histogram of one version over some ticks. */
export interface VersionCounts {
  requests: number
  errors: number
  latency: number[]
}

export function emptyCounts(): VersionCounts {
  return { requests: 0, errors: 0, latency: LATENCY_BUCKETS_MS.map(() => 0) }
}

/** Element-wise sum of counts. */
export function addCounts(a: VersionCounts, b: VersionCounts): VersionCounts {
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    latency: a.latency.map((count, bucket) => count + (b.latency[bucket] ?? 0)),
  }
}

/**
 * One tick of traffic: each request goes to the canary with probability `canaryShare`, fails with
 * its version's error rate, and takes a latency drawn from its version's profile.
 */
export function drawTraffic(
  random: Random,
  requests: number,
  canaryShare: number,
  stable: VersionBehaviour,
  canary: VersionBehaviour,
): { stable: VersionCounts; canary: VersionCounts } {
  const counts = { stable: emptyCounts(), canary: emptyCounts() }
  for (let i = 0; i < requests; i++) {
    const toCanary = random.chance(canaryShare)
    const behaviour = toCanary ? canary : stable
    const target = toCanary ? counts.canary : counts.stable
    target.requests++
    if (random.chance(behaviour.errorRate)) target.errors++
    const bucket = latencyBucket(LATENCY_PROFILES[behaviour.latency], random.below(10_000))
    target.latency[bucket] = (target.latency[bucket] ?? 0) + 1
  }
  return counts
}

function latencyBucket(weights: readonly number[], draw: number): number {
  let cumulative = 0
  for (const [bucket, weight] of weights.entries()) {
    cumulative += weight
    if (draw < cumulative) return bucket
  }
  return weights.length - 1
}

/** The latency (bucket upper bound, ms) below which `quantile` of the requests fall; 0 with no requests. */
export function latencyQuantile(histogram: readonly number[], quantile: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0)
  if (total === 0) return 0
  let cumulative = 0
  for (const [bucket, count] of histogram.entries()) {
    cumulative += count
    if (cumulative >= quantile * total) return LATENCY_BUCKETS_MS[bucket] ?? 0
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] ?? 0
}
