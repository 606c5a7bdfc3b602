import { CACHING_KINDS, type ComponentKind } from './components'

/** Chaos aimed at one box, as a driver picks it from the box list. */
export type BoxChaosType = 'kill-box' | 'slow-box' | 'cache-flush' | 'fail-dependency' | 'partition'

/** Whether a chaos switch does anything to a box of this kind (only a cache or CDN can be flushed). */
export function chaosAppliesTo(type: BoxChaosType, kind: ComponentKind): boolean {
  return type !== 'cache-flush' || CACHING_KINDS.has(kind)
}
