import { burnRate } from './burn-rate'
import type { VersionCounts } from './traffic'

/** What the rollout gate concludes about the canary from one window of traffic. */
export type Verdict =
  | { kind: 'no-baseline' }
  | { kind: 'waiting'; needed: number }
  | { kind: 'pass'; pValue: number }
  | { kind: 'fail'; pValue: number; reason: string }

/** The gate's settings (a subset of the canary params). */
export interface GateSettings {
  /** compare-with-stable: canary analysis; absolute-burn-rate: the old gate, kept to show what it misses. */
  gate: 'compare-with-stable' | 'absolute-burn-rate'
  /** Canary requests the window must hold before any verdict. */
  minWindowRequests: number
  /** Roll back when stable would fail this often by chance less often than this (one-sided). */
  maxFalseAlarm: number
  /** The absolute gate's limit on the canary's burn rate. */
  burnRateThreshold: number
  sloTarget: number
}

/**
 * Stable's error rate as the baseline, counted with one extra failed request: a stable window
 * with no errors would otherwise make a single canary error look infinitely worse.
 */
export function baselineErrorRate(stable: VersionCounts): number {
  return (stable.errors + 1) / (stable.requests + 1)
}

/**
 * Judges the canary against stable over the same window. compare-with-stable asks: if v1.5 failed
 * as often as v1.4, how likely is at least this many errors in this many requests (a one-sided
 * binomial test)? absolute-burn-rate only asks whether the canary's burn rate exceeds a fixed limit.
 * With stable serving nothing (after promotion) there is nothing to compare with.
 */
export function judgeCanary(
  window: { stable: VersionCounts; canary: VersionCounts },
  gate: GateSettings,
): Verdict {
  const { canary, stable } = window
  if (stable.requests === 0) return { kind: 'no-baseline' }
  if (canary.requests < gate.minWindowRequests) {
    return { kind: 'waiting', needed: gate.minWindowRequests - canary.requests }
  }
  const pValue = binomialUpperTail(canary.errors, canary.requests, baselineErrorRate(stable))
  if (gate.gate === 'absolute-burn-rate') {
    const burn = burnRate(canary.errors, canary.requests, gate.sloTarget)
    return burn > gate.burnRateThreshold
      ? { kind: 'fail', pValue, reason: `burn rate ${burn.toFixed(1)} > ${gate.burnRateThreshold}` }
      : { kind: 'pass', pValue }
  }
  return pValue < gate.maxFalseAlarm
    ? {
        kind: 'fail',
        pValue,
        reason: `${canary.errors}/${canary.requests} failed, stable would do that with odds ${pValue.toExponential(1)}`,
      }
    : { kind: 'pass', pValue }
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), summing probability ratios outward from the mode. Only + − × ÷,
 * so every JavaScript engine gets the same bits, and no term underflows however large n is.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0 || p >= 1) return 1
  if (k > n || p <= 0) return 0
  const mode = Math.min(n, Math.floor((n + 1) * p))
  const odds = p / (1 - p)
  let atLeastK = 0
  let belowK = 0
  const add = (i: number, weight: number) => {
    if (i >= k) atLeastK += weight
    else belowK += weight
  }
  add(mode, 1)
  // Each walk stops once its terms no longer change the sum on its side of k (or underflow).
  let weight = 1
  for (let i = mode + 1; i <= n; i++) {
    weight = ((weight * (n - i + 1)) / i) * odds
    add(i, weight)
    if (weight === 0 || (i >= k && weight < atLeastK * 1e-17)) break
  }
  weight = 1
  for (let i = mode - 1; i >= 0; i--) {
    weight = (weight * (i + 1)) / (n - i) / odds
    add(i, weight)
    if (weight === 0 || (i < k && weight < belowK * 1e-17)) break
  }
  return atLeastK / (atLeastK + belowK)
}
