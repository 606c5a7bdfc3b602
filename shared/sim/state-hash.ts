/**
 * A stable fingerprint of a simulation state, identical in browsers and Node: canonical JSON
 * (object keys sorted) hashed with 64-bit FNV-1a, written as 16 hex digits.
 */
export function hashState(state: unknown): string {
  return fnv1a64(canonicalJson(state))
}

/** JSON with object keys sorted, `undefined` members left out, and non-finite numbers refused. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`)
      return JSON.stringify(value)
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not simulation state`)
  }
}

const encoder = new TextEncoder()

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`. The 64-bit product is carried in four 16-bit
 * limbs so every step stays an exact small-integer operation (no BigInt in the hot loop).
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325, least significant limb first
  let v0 = 0x2325
  let v1 = 0x8422
  let v2 = 0x9ce4
  let v3 = 0xcbf2
  for (const byte of encoder.encode(text)) {
    v0 ^= byte
    // multiply by the prime 2^40 + 0x1b3: the 0x1b3 part per limb, the 2^40 part as a shift by 2½ limbs
    const t0 = v0 * 0x1b3
    let t1 = v1 * 0x1b3
    let t2 = v2 * 0x1b3
    let t3 = v3 * 0x1b3
    t2 += v0 << 8
    t3 += v1 << 8
    t1 += t0 >>> 16
    v0 = t0 & 0xffff
    t2 += t1 >>> 16
    v1 = t1 & 0xffff
    v3 = (t3 + (t2 >>> 16)) & 0xffff
    v2 = t2 & 0xffff
  }
  return [v3, v2, v1, v0].map((limb) => limb.toString(16).padStart(4, '0')).join('')
}
