import { describe, expect, it } from 'vitest'
import { fullBucket, takeTokens } from '../../shared/limits/token-bucket'

const RULE = { perSecond: 10, burst: 3 }

describe('token bucket', () => {
  it('allows a burst at once, then refuses until time refills it', () => {
    let bucket = fullBucket(RULE, 0)
    const verdicts: boolean[] = []
    for (let i = 0; i < 4; i++) {
      const taken = takeTokens(bucket, RULE, 0, 1)
      bucket = taken.bucket
      verdicts.push(taken.allowed)
    }
    expect(verdicts).toEqual([true, true, true, false])
    expect(takeTokens(bucket, RULE, 100, 1).allowed).toBe(true) // 100 ms at 10/s is one token
  })

  it('never refills beyond the burst, however long it waits', () => {
    const later = takeTokens(fullBucket(RULE, 0), RULE, 60_000, 0).bucket
    expect(later.tokens).toBe(RULE.burst)
  })

  it('refuses a cost larger than what is left, and keeps what was there', () => {
    const taken = takeTokens(fullBucket(RULE, 0), RULE, 0, 5)
    expect(taken.allowed).toBe(false)
    expect(taken.bucket.tokens).toBe(RULE.burst)
  })
})
