import { fmix32 } from '../../murmur3'
import { createRandom, deriveSeed } from '../../random'

/**
 * The item stream a HyperLogLog scenario counts: page views by visitors `user-<n>`. Each view is
 * a returning visitor (one already seen, uniformly) with probability `repeatShare`, otherwise a
 * new one, so the exact number of distinct visitors is simply how many new ones appeared.
 *
 * The stream is a pure function of the seed and the view's position, so a sketch can be rebuilt
 * from the same views at another precision or with another hash.
 */
export interface StreamPosition {
  /** Views so far. */
  views: number
  /** Distinct visitors so far (the exact answer HyperLogLog estimates). */
  distinct: number
}

export type VisitorStream = (position: StreamPosition) => { visitor: string; next: StreamPosition }

/** The visitor stream of a seed: gives the visitor of the view at a position, and the position after it. */
export function createVisitorStream(seed: number, repeatShare: number): VisitorStream {
  const streamSeed = deriveSeed(seed, 'visits')
  return (position) => {
    const draw = createRandom(fmix32(streamSeed + Math.imul(position.views, 0x9e3779b1)))
    const returning = position.distinct > 0 && draw.chance(repeatShare)
    const visitorNumber = returning ? draw.below(position.distinct) : position.distinct
    return {
      visitor: `user-${visitorNumber}`,
      next: { views: position.views + 1, distinct: position.distinct + (returning ? 0 : 1) },
    }
  }
}
