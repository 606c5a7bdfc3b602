/**
 * MurmurHash3 x86_32 over the UTF-8 bytes of a string: a fast, well-mixed 32-bit hash with
 * integer-only maths (Math.imul), so browsers and Node agree bit for bit.
 */
export function murmur3(key: string, seed = 0): number {
  const bytes = utf8Bytes(key)
  const length = bytes.length
  const blockEnd = length & ~3
  let h = seed >>> 0

  for (let i = 0; i < blockEnd; i += 4) {
    const k =
      (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)
    h ^= scramble(k)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }

  const tailLength = length & 3
  if (tailLength > 0) {
    let tail = 0
    if (tailLength === 3) tail ^= (bytes[blockEnd + 2] ?? 0) << 16
    if (tailLength >= 2) tail ^= (bytes[blockEnd + 1] ?? 0) << 8
    tail ^= bytes[blockEnd] ?? 0
    h ^= scramble(tail)
  }

  return fmix32(h ^ length)
}

/** MurmurHash3's finaliser: spreads every input bit over every output bit (avalanche). */
export function fmix32(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function scramble(k: number): number {
  let mixed = Math.imul(k, 0xcc9e2d51)
  mixed = (mixed << 15) | (mixed >>> 17)
  return Math.imul(mixed, 0x1b873593)
}

const encoder = new TextEncoder()

/** ASCII strings (every id the engines make) skip the encoder: their code units are their UTF-8 bytes. */
function utf8Bytes(text: string): ArrayLike<number> {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return encoder.encode(text)
  }
  return asciiView(text)
}

function asciiView(text: string): ArrayLike<number> {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}
