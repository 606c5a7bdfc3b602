import { describe, expect, it } from 'vitest'
import { murmur3 } from '../../../shared/sim/murmur3'
import { createRandom, deriveSeed, randomStream } from '../../../shared/sim/random'
import { canonicalJson, fnv1a64, hashState } from '../../../shared/sim/state-hash'
import { createSeededRandom } from '../../support/seeded-random'

/** FNV-1a 64 written the obvious way with BigInt, to check the four-limb version against. */
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

describe('MurmurHash3 x86_32', () => {
  it('matches the published test vectors, including seeds and a multi-byte character', () => {
    const hex = (value: number) => value.toString(16).padStart(8, '0')
    expect(hex(murmur3('', 0))).toBe('00000000')
    expect(hex(murmur3('', 1))).toBe('514e28b7')
    expect(hex(murmur3('', 0xffffffff))).toBe('81f16f39')
    expect(hex(murmur3('test', 0))).toBe('ba6bd213')
    expect(hex(murmur3('Hello, world!', 1234))).toBe('faf6cdb3')
    expect(hex(murmur3('The quick brown fox jumps over the lazy dog', 0))).toBe('2e4ff723')
    expect(hex(murmur3('ü', 0))).toBe('7840e6aa')
  })
})

describe('state hash', () => {
  it('computes 64-bit FNV-1a exactly as a BigInt implementation does', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325')
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
    expect(fnv1a64('foobar')).toBe('85944171f73967e8')
    const random = createSeededRandom(7)
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () =>
        String.fromCodePoint(Math.floor(random() * 0x2fff)),
      ).join('')
      expect(fnv1a64(text)).toBe(referenceFnv1a64(text))
    }
  })

  it('ignores object key order and undefined members, and sees every leaf', () => {
    const a = { tick: 3, cells: [{ id: 'cell-1', up: true }], note: undefined }
    const b = { cells: [{ up: true, id: 'cell-1' }], tick: 3 }
    expect(canonicalJson(a)).toBe('{"cells":[{"id":"cell-1","up":true}],"tick":3}')
    expect(hashState(a)).toBe(hashState(b))
    expect(hashState({ ...b, tick: 4 })).not.toBe(hashState(b))
    expect(hashState({ ...b, cells: [{ id: 'cell-1', up: false }] })).not.toBe(hashState(b))
  })

  it('refuses values with no JSON form instead of hashing them silently', () => {
    expect(() => hashState({ value: Number.NaN })).toThrow(TypeError)
    expect(() => hashState({ value: Number.POSITIVE_INFINITY })).toThrow(TypeError)
    expect(() => hashState({ value: () => 1 })).toThrow(TypeError)
  })
})

describe('seeded random streams', () => {
  it('repeats the same draws for the same seed and differs between seeds', () => {
    const draws = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 8 }, () => random.uint32())
    }
    expect(draws(42)).toEqual(draws(42))
    expect(draws(42)).not.toEqual(draws(43))
  })

  it('derives independent sub-streams from a path', () => {
    expect(deriveSeed(1, 'arrivals', 5)).toBe(deriveSeed(1, 'arrivals', 5))
    const seeds = new Set([
      deriveSeed(1, 'arrivals', 5),
      deriveSeed(1, 'arrivals', 6),
      deriveSeed(1, 'service', 5),
      deriveSeed(2, 'arrivals', 5),
    ])
    expect(seeds.size).toBe(4)
  })

  it('draws probabilities, ranges, binomials and samples with the right shape', () => {
    const random = randomStream(9, 'shape')
    const floats = Array.from({ length: 10_000 }, () => random.float())
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...floats)).toBeLessThan(1)
    expect(Array.from({ length: 100 }, () => random.chance(0)).some(Boolean)).toBe(false)
    expect(Array.from({ length: 100 }, () => random.chance(1)).every(Boolean)).toBe(true)
    const heads = random.binomial(100_000, 0.3)
    expect(heads / 100_000).toBeCloseTo(0.3, 2)
    const picked = random.sample(10, 4)
    expect(new Set(picked).size).toBe(4)
    expect(picked.every((index) => index >= 0 && index < 10)).toBe(true)
    expect(random.sample(3, 5).sort()).toEqual([0, 1, 2])
  })
})
