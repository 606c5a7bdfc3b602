import { describe, expect, it } from 'vitest'
import { allowedOriginsSchema, originAllowed, SAME_HOST } from '../../server/http/origin-policy'

describe('the origin policy (ALLOWED_ORIGINS)', () => {
  it('allows only the request’s own host when ALLOWED_ORIGINS is unset or empty', () => {
    for (const unset of [undefined, '', ' , ']) {
      expect(allowedOriginsSchema.parse(unset)).toEqual(SAME_HOST)
    }
  })

  it('reads a comma-separated list of origins, normalised the way browsers send them', () => {
    const policy = allowedOriginsSchema.parse(' https://Lockstep.Example , http://10.1.2.3:8080/ ')
    expect(policy).toEqual({ kind: 'listed', origins: ['https://lockstep.example', 'http://10.1.2.3:8080'] })
  })

  it('refuses entries that are not origins, naming the bad one', () => {
    for (const bad of ['lockstep.example', 'https://lockstep.example/app', 'ftp://x.example', '*']) {
      const parsed = allowedOriginsSchema.safeParse(`https://ok.example,${bad}`)
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toContain(bad)
    }
  })

  it('lets through requests without an Origin header (curl, scripts, server-to-server)', () => {
    expect(originAllowed(undefined, 'lockstep.example', SAME_HOST)).toBe(true)
  })

  it('by default allows a page served by the same host and port, and nothing else', () => {
    expect(originAllowed('https://lockstep.example', 'lockstep.example', SAME_HOST)).toBe(true)
    expect(originAllowed('http://localhost:3000', 'localhost:3000', SAME_HOST)).toBe(true)
    expect(originAllowed('http://localhost', 'localhost:80', SAME_HOST)).toBe(true)
    expect(originAllowed('https://evil.example', 'lockstep.example', SAME_HOST)).toBe(false)
    expect(originAllowed('http://localhost:5173', 'localhost:3000', SAME_HOST)).toBe(false)
    expect(originAllowed('https://lockstep.example.evil.example', 'lockstep.example', SAME_HOST)).toBe(false)
    expect(originAllowed('null', 'lockstep.example', SAME_HOST)).toBe(false)
    expect(originAllowed('https://lockstep.example', undefined, SAME_HOST)).toBe(false)
  })

  it('with a list, allows exactly the listed origins, whatever the Host header says', () => {
    const policy = allowedOriginsSchema.parse('https://lockstep.example')
    expect(originAllowed('https://lockstep.example', '127.0.0.1:3000', policy)).toBe(true)
    expect(originAllowed('https://LOCKSTEP.example:443', '127.0.0.1:3000', policy)).toBe(true)
    expect(originAllowed('http://lockstep.example', 'lockstep.example', policy)).toBe(false)
    expect(originAllowed('https://evil.example', 'evil.example', policy)).toBe(false)
  })
})
