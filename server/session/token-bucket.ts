import {
  type TokenBucket as BucketState,
  fullBucket,
  type RateRule,
  takeTokens,
} from '../../shared/limits/token-bucket'

/** How much one sender may send: a burst, then a steady rate. */
export interface RateLimit {
  /** How many may come at once (the bucket's size). */
  burst: number
  /** How many more are allowed each minute once the burst is spent. */
  perMinute: number
}

/**
 * A token bucket over the pure rule in shared/limits (full at the start, one token per accepted
 * message, refilled continuously at `perMinute`). The clock is passed in, so it is tested without waiting.
 */
export class TokenBucket {
  private readonly rule: RateRule
  private bucket: BucketState

  constructor(
    limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.rule = { burst: limit.burst, perSecond: limit.perMinute / 60 }
    this.bucket = fullBucket(this.rule, now())
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    const { allowed, bucket } = takeTokens(this.bucket, this.rule, this.now(), 1)
    this.bucket = bucket
    return allowed
  }

  /** Milliseconds until the next token, 0 when one is there now. */
  retryAfterMs(): number {
    const tokens = this.tokensNow()
    if (tokens >= 1) return 0
    if (this.rule.perSecond <= 0) return Number.POSITIVE_INFINITY
    return Math.ceil(((1 - tokens) * 1000) / this.rule.perSecond)
  }

  /** Whether the bucket is full again (so a keyed map may forget it). */
  isFull(): boolean {
    return this.tokensNow() >= this.rule.burst
  }

  private tokensNow(): number {
    this.bucket = takeTokens(this.bucket, this.rule, this.now(), 0).bucket
    return this.bucket.tokens
  }
}

/** One bucket per key (e.g. per address and board); buckets that refilled are forgotten. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly sweepAbove = 10_000,
  ) {}

  /** Takes one token from `key`'s bucket; false when it is empty. */
  take(key: string): boolean {
    if (this.buckets.size > this.sweepAbove) this.sweep()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.limit, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket.take()
  }

  /** Milliseconds until `key` may take again. */
  retryAfterMs(key: string): number {
    return this.buckets.get(key)?.retryAfterMs() ?? 0
  }

  /** How many keys are remembered (a full bucket is as good as none). */
  get size(): number {
    return this.buckets.size
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key)
  }
}
