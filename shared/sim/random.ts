import { fmix32, murmur3 } from './murmur3'

/**
 * The only source of randomness an engine may use: a seeded mulberry32 stream.
 *
 * Every draw is integer arithmetic, and probabilities are compared as 32-bit thresholds, so the
 * same seed gives the same draws in every JavaScript engine.
 */
export interface Random {
  /** A uniform integer in [0, 2^32). */
  uint32(): number
  /** A uniform number in [0, 1) with 32 bits of resolution. */
  float(): number
  /** A uniform integer in [0, n). */
  below(n: number): number
  /** True with probability p (clamped to [0, 1]). */
  chance(p: number): boolean
  /** The number of successes in n trials of probability p, drawn trial by trial (exact, O(n)). */
  binomial(n: number, p: number): number
  /** k distinct integers from [0, n), in draw order (a partial Fisher–Yates shuffle). */
  sample(n: number, k: number): number[]
}

const TWO_POW_32 = 4_294_967_296

/** A mulberry32 stream from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0

  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const float = (): number => uint32() / TWO_POW_32
  const chance = (p: number): boolean => uint32() < threshold(p)

  return {
    uint32,
    float,
    chance,
    below: (n) => Math.floor(float() * n),
    binomial(n, p) {
      const limit = threshold(p)
      let successes = 0
      for (let trial = 0; trial < n; trial++) if (uint32() < limit) successes++
      return successes
    },
    sample(n, k) {
      const pool = Array.from({ length: n }, (_, i) => i)
      const picked: number[] = []
      for (let i = 0; i < Math.min(k, n); i++) {
        const j = i + Math.floor(float() * (n - i))
        const chosen = pool[j] as number
        pool[j] = pool[i] as number
        pool[i] = chosen
        picked.push(chosen)
      }
      return picked
    },
  }
}

/**
 * A sub-stream seed named by a path, e.g. `deriveSeed(seed, 'arrivals', tick)`.
 *
 * Engines draw each tick's randomness from its own sub-stream, so the draws depend only on the
 * seed and the logical time, never on how events were batched.
 */
export function deriveSeed(seed: number, ...path: ReadonlyArray<string | number>): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9)
  for (const part of path) h = murmur3(String(part), h)
  return h
}

/** A Random for the sub-stream named by `path` (see deriveSeed). */
export function randomStream(seed: number, ...path: ReadonlyArray<string | number>): Random {
  return createRandom(deriveSeed(seed, ...path))
}

/** A probability as a 32-bit threshold: multiplication and floor are exact IEEE operations. */
function threshold(p: number): number {
  if (!(p > 0)) return 0
  if (p >= 1) return TWO_POW_32
  return Math.floor(p * TWO_POW_32)
}
