import { z } from 'zod'
import { murmur3 } from '../../murmur3'

/**
 * The hash functions a sketch can be fed with. Only murmur3 spreads short, similar ids over all 32
 * bits; the other two are real hashes people reach for that do not, and they show why HyperLogLog
 * needs a uniform hash.
 */
export const itemHashSchema = z.enum(['murmur3', 'fnv1a-unmixed', 'java-string-hash'])
export type ItemHash = z.infer<typeof itemHashSchema>

/** The 32-bit hash of an item with the chosen function (`seed` only applies to murmur3). */
export function hashItem(hash: ItemHash, item: string, seed: number): number {
  switch (hash) {
    case 'murmur3':
      return murmur3(item, seed)
    case 'fnv1a-unmixed':
      return fnv1a32(item)
    case 'java-string-hash':
      return javaStringHash(item)
    default:
      return unreachableHash(hash)
  }
}

/** How each hash is introduced in badges and the log. */
export const ITEM_HASH_LABELS: Record<ItemHash, string> = {
  murmur3: 'MurmurHash3 (uniform)',
  'fnv1a-unmixed': 'FNV-1a without a finaliser (biased high bits)',
  'java-string-hash': 'String.hashCode (31·h + c: high bits barely change)',
}

/** FNV-1a 32 with no final mixing: for ids that differ only in their last characters, the high bits stay correlated. */
function fnv1a32(item: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < item.length; i++) {
    h ^= item.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Java's String.hashCode: sequential ids land in a handful of registers because only low bits vary. */
function javaStringHash(item: string): number {
  let h = 0
  for (let i = 0; i < item.length; i++) h = (Math.imul(h, 31) + item.charCodeAt(i)) | 0
  return h >>> 0
}

function unreachableHash(hash: never): never {
  throw new Error(`unknown item hash ${String(hash)}`)
}
