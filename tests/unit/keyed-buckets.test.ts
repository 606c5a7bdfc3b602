import { describe, expect, it } from 'vitest'
import { ConnectionLimits } from '../../server/session/connection-limits'
import { KeyedBuckets, TokenBucket } from '../../server/session/token-bucket'

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let now = start
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
  }
}

describe('token bucket', () => {
  it('allows a burst at once, then refuses until the steady rate has refilled a token', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ burst: 3, perMinute: 6 }, clock.now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    expect(bucket.retryAfterMs()).toBe(10_000)
    clock.advance(9_999)
    expect(bucket.take()).toBe(false)
    clock.advance(1)
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('never holds more than its burst, however long it rests', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ burst: 2, perMinute: 60 }, clock.now)
    clock.advance(3_600_000)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false])
    expect(bucket.isFull()).toBe(false)
  })

  it('with no steady rate, allows exactly the burst, ever', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ burst: 1, perMinute: 0 }, clock.now)
    expect(bucket.take()).toBe(true)
    clock.advance(86_400_000)
    expect(bucket.take()).toBe(false)
    expect(bucket.retryAfterMs()).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('keyed buckets', () => {
  it('gives each key its own allowance and forgets keys that refilled', () => {
    const clock = manualClock()
    const buckets = new KeyedBuckets({ burst: 1, perMinute: 60 }, clock.now, 2)
    expect([buckets.take('a'), buckets.take('a'), buckets.take('b')]).toEqual([true, false, true])
    expect(buckets.retryAfterMs('a')).toBe(1000)
    expect(buckets.retryAfterMs('unknown')).toBe(0)
    clock.advance(1000)
    buckets.take('c') // three keys remembered: over the sweep size, so refilled keys go first
    buckets.take('d')
    expect(buckets.size).toBeLessThanOrEqual(2)
    expect(buckets.take('a')).toBe(true)
  })
})

describe('connection limits', () => {
  it('keeps a separate allowance for each kind of message', () => {
    const clock = manualClock()
    const limits = new ConnectionLimits({ burst: 2, perMinute: 0 }, clock.now)
    expect([limits.allow('vote'), limits.allow('vote'), limits.allow('vote')]).toEqual([true, true, false])
    expect(limits.allow('hello')).toBe(true)
    expect(limits.allow('intent')).toBe(true)
  })
})
