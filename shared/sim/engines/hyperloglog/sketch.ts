/**
 * HyperLogLog (Flajolet, Fusy, Gandouet, Meunier 2007) over 32-bit hashes: the first p bits pick
 * one of m = 2^p registers, each register keeps the largest rank (leading zeros + 1) of the
 * remaining 32 − p bits it has seen.
 */
export interface HllSketch {
  precision: number
  registers: number[]
}

export const MIN_PRECISION = 4
export const MAX_PRECISION = 16

/** 2^−k for every rank a 32-bit hash can produce, built by halving so each entry is exact. */
const INVERSE_POWERS_OF_TWO: readonly number[] = (() => {
  const powers = [1]
  for (let k = 1; k <= 33; k++) powers.push((powers[k - 1] as number) / 2)
  return powers
})()

/** An empty sketch of 2^precision registers. */
export function createSketch(precision: number): HllSketch {
  return { precision, registers: new Array<number>(2 ** precision).fill(0) }
}

/** The register a hash lands in: its first `precision` bits. */
export function registerIndex(hash: number, precision: number): number {
  return hash >>> (32 - precision)
}

/** The position of the first 1 bit in the hash after the index bits (32 − p + 1 when they are all 0). */
export function rank(hash: number, precision: number): number {
  const rest = (hash << precision) >>> 0
  return rest === 0 ? 32 - precision + 1 : Math.clz32(rest) + 1
}

/** Records one hashed item in `sketch`, in place; true when a register grew. */
export function insertHash(sketch: HllSketch, hash: number): boolean {
  const index = registerIndex(hash, sketch.precision)
  const itemRank = rank(hash, sketch.precision)
  if (itemRank <= (sketch.registers[index] ?? 0)) return false
  sketch.registers[index] = itemRank
  return true
}

/** The sketch of the union of two streams: the register-wise maximum. */
export function mergeSketches(a: HllSketch, b: HllSketch): HllSketch {
  if (a.precision !== b.precision) throw new RangeError('only sketches of the same precision can be merged')
  return {
    precision: a.precision,
    registers: a.registers.map((value, j) => Math.max(value, b.registers[j] ?? 0)),
  }
}

/**
 * Σ 2^−M[j] over all registers. Each term is a power of two ≥ 2^−33 and there are at most 2^16 of
 * them, so the sum fits in 49 bits and is exact in a double whatever the order: safe to keep in state.
 */
export function harmonicSum(registers: readonly number[]): number {
  let sum = 0
  for (const value of registers) sum += INVERSE_POWERS_OF_TWO[value] ?? 0
  return sum
}

/** How many registers are still 0 (the "V" of linear counting). */
export function zeroRegisters(registers: readonly number[]): number {
  return registers.reduce((zeros, value) => (value === 0 ? zeros + 1 : zeros), 0)
}

/** The bias constant α_m of the harmonic-mean estimator. */
export function alpha(m: number): number {
  if (m <= 16) return 0.673
  if (m <= 32) return 0.697
  if (m <= 64) return 0.709
  return 0.7213 / (1 + 1.079 / m)
}

/** Relative standard error of the estimate for m registers. */
export function standardError(m: number): number {
  return 1.04 / Math.sqrt(m)
}

/** Which estimator produced the final figure. */
export type EstimateRange = 'small-range' | 'raw' | 'large-range'

export interface CardinalityEstimate {
  /** α_m · m² / Σ 2^−M[j], before any correction. */
  raw: number
  estimate: number
  range: EstimateRange
}

const TWO_POW_32 = 4_294_967_296

/**
 * The cardinality estimate from a register summary (m, Σ 2^−M[j], V).
 *
 * Small range: when E ≤ 2.5m and some registers are empty, linear counting m·ln(m/V) is more
 * accurate. Large range: with 32-bit hashes, collisions make E undercount once E > 2^32/30, so the
 * paper's −2^32·ln(1 − E/2^32) applies; it matters only beyond ~143 million items, far past any
 * scenario here, and is kept for completeness.
 */
export function estimateFromSummary(m: number, sum: number, zeros: number): CardinalityEstimate {
  const raw = (alpha(m) * m * m) / sum
  if (raw <= 2.5 * m && zeros > 0) return { raw, estimate: m * Math.log(m / zeros), range: 'small-range' }
  if (raw > TWO_POW_32 / 30)
    return { raw, estimate: -TWO_POW_32 * Math.log(1 - raw / TWO_POW_32), range: 'large-range' }
  return { raw, estimate: raw, range: 'raw' }
}

/** The cardinality estimate of a sketch. */
export function estimateCardinality(sketch: HllSketch): CardinalityEstimate {
  return estimateFromSummary(
    sketch.registers.length,
    harmonicSum(sketch.registers),
    zeroRegisters(sketch.registers),
  )
}
