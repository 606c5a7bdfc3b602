/** How fast something may happen: `perSecond` on average, up to `burst` at once. */
export interface RateRule {
  perSecond: number
  burst: number
}

/** A token bucket's state: tokens left at time `at` (ms). Starts full. */
export interface TokenBucket {
  tokens: number
  at: number
}

/** A full bucket at `now`. */
export function fullBucket(rule: RateRule, now: number): TokenBucket {
  return { tokens: rule.burst, at: now }
}

/**
 * Takes `cost` tokens if the bucket holds them after refilling at `rule.perSecond` since `bucket.at`.
 * Pure: the caller keeps the returned bucket whether or not the take was allowed.
 */
export function takeTokens(
  bucket: TokenBucket,
  rule: RateRule,
  now: number,
  cost: number,
): { allowed: boolean; bucket: TokenBucket } {
  const elapsed = Math.max(0, now - bucket.at)
  const tokens = Math.min(rule.burst, bucket.tokens + (elapsed / 1000) * rule.perSecond)
  if (tokens < cost) return { allowed: false, bucket: { tokens, at: now } }
  return { allowed: true, bucket: { tokens: tokens - cost, at: now } }
}
