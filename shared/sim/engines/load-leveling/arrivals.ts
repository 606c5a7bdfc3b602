import type { Random } from '../../random'

/**
 * Offered arrivals in one tick with mean `rate`: a binomial with 4·rate trials, a near-Poisson count
 * drawn with integer thresholds only (see random.ts), so every screen draws the same number.
 */
export function drawArrivals(random: Random, rate: number): number {
  if (rate <= 0) return 0
  const trials = Math.max(1, Math.ceil(rate * 4))
  return random.binomial(trials, rate / trials)
}

/** A worker's capacity this tick: ⌊μ⌋ messages, plus one more with probability frac(μ). */
export function drawCapacity(random: Random, serviceRate: number): number {
  const whole = Math.floor(serviceRate)
  return whole + (random.chance(serviceRate - whole) ? 1 : 0)
}
