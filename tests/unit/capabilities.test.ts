import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashToken, openTokens, randomId, roleForToken, sealTokens } from '../../server/auth/capabilities'

describe('capability tokens', () => {
  it('are 128 random bits in base64url', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(Buffer.from(id, 'base64url')).toHaveLength(16)
  })

  it('are stored as SHA-256 hashes', () => {
    expect(hashToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'))
  })

  it('map a token to its role, and an unknown token to none', () => {
    const tokens = { facilitator: randomId(), editor: randomId(), viewer: randomId() }
    const hashes = {
      facilitator: hashToken(tokens.facilitator),
      editor: hashToken(tokens.editor),
      viewer: hashToken(tokens.viewer),
    }
    expect(roleForToken(tokens.editor, hashes)).toBe('editor')
    expect(roleForToken(tokens.viewer, hashes)).toBe('viewer')
    expect(roleForToken(randomId(), hashes)).toBeNull()
  })

  it('seal share links so only the holder of the right token can open them', () => {
    const board = randomId()
    const holder = randomId()
    const sealed = sealTokens(holder, board, { viewer: 'v-token' })
    expect(sealed).not.toContain('v-token')
    expect(openTokens(holder, board, sealed)).toEqual({ viewer: 'v-token' })
    expect(openTokens(randomId(), board, sealed)).toBeNull()
    expect(openTokens(holder, randomId(), sealed)).toBeNull()
    expect(openTokens(holder, board, 'garbage')).toBeNull()
  })
})
