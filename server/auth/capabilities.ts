import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import type { Role } from '../../shared/protocol/roles'

/** 128 random bits, base64url: the shape of board ids and capability tokens (DESIGN.md §5). */
export function randomId(): string {
  return randomBytes(16).toString('base64url')
}

/** Tokens are stored only as SHA-256 hashes. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export type TokenHashes = Record<Role, string>

/** Whether a token is the one a stored hash was made from, compared in constant time. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(tokenHash, 'hex'))
}

/** The role a token grants on a board, or null; compares every hash, so the time says nothing. */
export function roleForToken(token: string, hashes: TokenHashes): Role | null {
  let found: Role | null = null
  for (const role of ['facilitator', 'editor', 'viewer'] as const) {
    if (tokenMatches(token, hashes[role])) found = role
  }
  return found
}

// The server keeps the links a role may hand on encrypted under a key derived from that role's own
// token, so a facilitator who arrives with only their link can still share the other two, while the
// database alone never reveals a usable token.
function keyFor(token: string, boardId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, boardId, 'lockstep share links', 32))
}

/** Encrypts share tokens for the holder of `holderToken`. */
export function sealTokens(
  holderToken: string,
  boardId: string,
  tokens: Partial<Record<Role, string>>,
): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(holderToken, boardId), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** Decrypts what `sealTokens` sealed; null when the token does not fit. */
export function openTokens(
  holderToken: string,
  boardId: string,
  sealed: string,
): Partial<Record<Role, string>> | null {
  try {
    const raw = Buffer.from(sealed, 'base64url')
    const decipher = createDecipheriv('aes-256-gcm', keyFor(holderToken, boardId), raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    return JSON.parse(json) as Partial<Record<Role, string>>
  } catch {
    return null
  }
}
