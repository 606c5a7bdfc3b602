/**
 * SLO burn rate: how many times faster than allowed the error budget is being spent.
 * 1 spends exactly the budget over the SLO period; 14.4 spends a 30-day budget in about two days.
 */
export function burnRate(errors: number, requests: number, sloTarget: number): number {
  if (requests === 0) return 0
  return errors / requests / (1 - sloTarget)
}

/**
 * The 95% Wilson score interval of an error rate from `errors` out of `requests`: with a small
 * sample (a 5% canary) it is wide, which is why a burn rate from few requests jumps around.
 */
export function wilsonInterval(errors: number, requests: number): { low: number; high: number } {
  if (requests === 0) return { low: 0, high: 1 }
  const z = 1.96
  const p = errors / requests
  const denominator = 1 + (z * z) / requests
  const centre = (p + (z * z) / (2 * requests)) / denominator
  const halfWidth =
    (z * Math.sqrt((p * (1 - p)) / requests + (z * z) / (4 * requests * requests))) / denominator
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) }
}
