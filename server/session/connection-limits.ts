import { type RateLimit, TokenBucket } from './token-bucket'

/** The kinds of message a session connection sends, each with its own allowance. */
export type SessionEventKind =
  | 'hello'
  | 'vote'
  | 'intent'
  | 'summon'
  | 'announce'
  | 'report'
  | 'clock'
  | 'hand'
  | 'reaction'
  | 'summary'

/**
 * What one session connection may still send: a token bucket per kind, so a flood of votes does
 * not also silence that person's hello, and nobody's flood reaches anyone else.
 */
export class ConnectionLimits {
  private readonly buckets = new Map<SessionEventKind, TokenBucket>()

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether one more message of this kind may go through now (it is counted if so). */
  allow(kind: SessionEventKind): boolean {
    let bucket = this.buckets.get(kind)
    if (!bucket) {
      bucket = new TokenBucket(this.limit, this.now)
      this.buckets.set(kind, bucket)
    }
    return bucket.take()
  }
}
