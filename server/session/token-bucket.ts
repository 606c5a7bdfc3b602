/** How much one sender may send: a burst, then a steady rate. */
export interface RateLimit {
  /** How many may come at once (the bucket's size). */
  burst: number
  /** How many more are allowed each minute once the burst is spent. */
  perMinute: number
}

/**
 * A token bucket: full at the start, one token per accepted message, refilled continuously at
 * `perMinute`. The clock is passed in, so the rule is tested without waiting.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst
    this.updatedAt = now()
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Milliseconds until the next token, 0 when one is there now. */
  retryAfterMs(): number {
    this.refill()
    if (this.tokens >= 1) return 0
    if (this.limit.perMinute <= 0) return Number.POSITIVE_INFINITY
    return Math.ceil(((1 - this.tokens) * 60_000) / this.limit.perMinute)
  }

  /** Whether the bucket is full again (so a keyed map may forget it). */
  isFull(): boolean {
    this.refill()
    return this.tokens >= this.limit.burst
  }

  private refill(): void {
    const now = this.now()
    const elapsed = Math.max(0, now - this.updatedAt)
    this.updatedAt = now
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perMinute) / 60_000)
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
