import { describe, expect, it } from 'vitest'
import { hyperLogLogEngine } from '../../../shared/sim/engines/hyperloglog'
import { hashItem, type ItemHash } from '../../../shared/sim/engines/hyperloglog/item-hash'
import {
  createSketch,
  estimateCardinality,
  type HllSketch,
  insertHash,
  mergeSketches,
  rank,
  registerIndex,
} from '../../../shared/sim/engines/hyperloglog/sketch'
import { createVisitorStream } from '../../../shared/sim/engines/hyperloglog/visitor-stream'
import { deriveSeed } from '../../../shared/sim/random'
import { replay } from '../../../shared/sim/replay'
import { mean, metric, prepare, rms } from './sim-test-kit'

/** The textbook estimator, written independently: harmonic mean of 2^M[j], with linear counting for small counts. */
function referenceEstimate(registers: readonly number[]): number {
  const m = registers.length
  const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m)
  const indicator = registers.reduce((sum, value) => sum + 1 / 2 ** value, 0)
  const raw = (alpha * m * m) / indicator
  const empty = registers.filter((value) => value === 0).length
  return raw <= 2.5 * m && empty > 0 ? m * Math.log(m / empty) : raw
}

function sketchOf(items: Iterable<string>, precision: number, hash: ItemHash, hashSeed: number): HllSketch {
  const sketch = createSketch(precision)
  for (const item of items) insertHash(sketch, hashItem(hash, item, hashSeed))
  return sketch
}

function* users(from: number, to: number): Generator<string> {
  for (let n = from; n < to; n++) yield `user-${n}`
}

describe('HyperLogLog sketch', () => {
  it('routes by the first p bits and ranks the rest by leading zeros', () => {
    expect(registerIndex(0xffc00000, 10)).toBe(1023)
    expect(registerIndex(0x003fffff, 10)).toBe(0)
    expect(rank(0x00200000, 10)).toBe(1) // first bit after the index is set
    expect(rank(0x00000001, 10)).toBe(22)
    expect(rank(0x00000000, 10)).toBe(23) // all 22 remaining bits zero
  })

  it('estimates within the 1.04/√m standard error over 200 seeds (p = 10, 10k–50k distinct)', () => {
    const precision = 10
    const standardError = 1.04 / Math.sqrt(2 ** precision)
    const errors: number[] = []
    for (let seed = 0; seed < 200; seed++) {
      const distinct = 10_000 + seed * 200
      const sketch = sketchOf(users(0, distinct), precision, 'murmur3', deriveSeed(seed, 'hash'))
      const { estimate } = estimateCardinality(sketch)
      expect(estimate).toBeCloseTo(referenceEstimate(sketch.registers), 6)
      errors.push((estimate - distinct) / distinct)
    }
    expect(rms(errors)).toBeLessThan(1.5 * standardError)
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(4.5 * standardError)
  })

  it('uses linear counting while many registers are empty', () => {
    const sketch = sketchOf(users(0, 300), 10, 'murmur3', 1)
    const result = estimateCardinality(sketch)
    const empty = sketch.registers.filter((value) => value === 0).length
    expect(result.range).toBe('small-range')
    expect(result.estimate).toBeCloseTo(1024 * Math.log(1024 / empty), 9)
    expect(Math.abs(result.estimate - 300) / 300).toBeLessThan(0.1)
  })

  it('merges two sketches into exactly the sketch of the union', () => {
    for (const seed of [1, 2, 3]) {
      const hashSeed = deriveSeed(seed, 'hash')
      const a = sketchOf(users(0, 6_000), 11, 'murmur3', hashSeed)
      const b = sketchOf(users(4_000, 15_000), 11, 'murmur3', hashSeed)
      const union = sketchOf(users(0, 15_000), 11, 'murmur3', hashSeed)
      expect(mergeSketches(a, b).registers).toEqual(union.registers)
      expect(mergeSketches(b, a).registers).toEqual(union.registers)
    }
    expect(() => mergeSketches(createSketch(10), createSketch(11))).toThrow(RangeError)
  })
})

describe('hyperloglog engine', () => {
  const run = (seed: number, rawParams: unknown, rawEvents: unknown[]) => {
    const { params, events } = prepare(hyperLogLogEngine, rawParams, rawEvents)
    return replay(hyperLogLogEngine, params, seed, events)
  }

  it('counts distinct visitors exactly and estimates them from its own registers', () => {
    const state = run(11, { precision: 10, repeatShare: 0.6 }, [
      { type: 'arrive', count: 20_000 },
      { type: 'arrive', count: 30_000 },
    ])
    // replay the same view stream and count with a Set
    const stream = createVisitorStream(11, 0.6)
    const seen = new Set<string>()
    let position = { views: 0, distinct: 0 }
    for (let i = 0; i < 50_000; i++) {
      const { visitor, next } = stream(position)
      seen.add(visitor)
      position = next
    }
    const view = hyperLogLogEngine.view(state)
    expect(metric(view, 'exact')).toBe(seen.size)
    expect(metric(view, 'estimate')).toBe(Math.round(referenceEstimate(state.sketch.registers)))
    expect(state.sketch.registers).toEqual(sketchOf(seen, 10, 'murmur3', state.hashSeed).registers)
    expect(Math.abs(metric(view, 'relative-error'))).toBeLessThan(4 * 3.25)
  })

  it('rebuilds the same sketch at another precision as if it had started there', () => {
    const events = [{ type: 'arrive', count: 8_000 }]
    const rebuilt = run(5, { precision: 10 }, [...events, { type: 'set-precision', precision: 6 }])
    const direct = run(5, { precision: 6 }, events)
    expect(rebuilt.sketch).toEqual(direct.sketch)
    const view = hyperLogLogEngine.view(rebuilt)
    expect(metric(view, 'registers')).toBe(64)
    expect(metric(view, 'standard-error')).toBeCloseTo(13, 0)
    expect(view.nodes.registers?.health).toBe('degraded')
  })

  it('shows a much larger error with a hash that does not spread short ids', () => {
    const meanAbsoluteError = (hash: ItemHash) => {
      const errors = [21, 22, 23, 24, 25].map((seed) => {
        const state = run(seed, { precision: 10 }, [
          { type: 'arrive', count: 40_000 },
          { type: 'set-hash', hash },
        ])
        return Math.abs(metric(hyperLogLogEngine.view(state), 'relative-error'))
      })
      return errors.reduce((sum, error) => sum + error, 0) / errors.length
    }
    const uniform = meanAbsoluteError('murmur3')
    expect(meanAbsoluteError('fnv1a-unmixed')).toBeGreaterThan(3 * uniform)
    expect(meanAbsoluteError('java-string-hash')).toBeGreaterThan(90) // nearly every register stays empty
  })

  it('errs by spread, not by a lean, at precision 4: errors scatter both ways around 0 with an RMS near 1.04/√16', () => {
    const errors: number[] = []
    for (let seed = 0; seed < 200; seed++) {
      const state = [
        { type: 'arrive', count: 20_000 },
        { type: 'set-precision', precision: 4 },
      ].reduce(
        (current, raw) => hyperLogLogEngine.apply(current, hyperLogLogEngine.events.parse(raw)),
        hyperLogLogEngine.init(hyperLogLogEngine.params.parse({ precision: 10 }), seed),
      )
      errors.push(metric(hyperLogLogEngine.view(state), 'relative-error') / 100)
    }
    const spread = rms(errors)
    expect(Math.abs(spread - 1.04 / 4)).toBeLessThan(0.05)
    // the mean error is within three standard errors of the mean of zero: no systematic lean
    expect(Math.abs(mean(errors))).toBeLessThan((3 * spread) / Math.sqrt(errors.length))
    expect(errors.filter((error) => error < 0).length).toBeGreaterThan(60)
    expect(errors.filter((error) => error > 0).length).toBeGreaterThan(60)
  })
})
