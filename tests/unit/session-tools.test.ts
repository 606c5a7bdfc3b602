import { describe, expect, it } from 'vitest'
import { clockOffset, formatCountdown, remainingMs } from '../../client/facilitation/clock'

describe('clock offset and countdown', () => {
  it('reads the server clock half-way through the round trip', () => {
    expect(clockOffset(1000, 6100, 1200)).toBe(5000)
    expect(clockOffset(1000, 1100, 1200)).toBe(0)
    expect(clockOffset(5000, 1000, 5000)).toBe(-4000)
  })

  it('counts down on the server clock, never below zero', () => {
    // our clock is 5 s behind the server's: 10 s before the end on the server
    expect(remainingMs(20_000, 5_000, 5_000)).toBe(10_000)
    expect(remainingMs(20_000, 30_000, 0)).toBe(0)
  })

  it('formats minutes and seconds, rounding up so 0:00 means time is up', () => {
    expect(formatCountdown(600_000)).toBe('10:00')
    expect(formatCountdown(599_001)).toBe('10:00')
    expect(formatCountdown(598_999)).toBe('9:59')
    expect(formatCountdown(5_000)).toBe('0:05')
    expect(formatCountdown(1)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-50)).toBe('0:00')
    expect(formatCountdown(3_661_000)).toBe('1:01:01')
  })
})
