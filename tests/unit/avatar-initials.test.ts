import { describe, expect, it } from 'vitest'
import { avatarInitials } from '../../shared/presence/initials'

describe('avatar initials', () => {
  it('takes the first letter of the first two words', () => {
    expect(avatarInitials('Ana Lima')).toBe('AL')
    expect(avatarInitials('ana maria lima')).toBe('AM')
  })

  it('uses letters only, never brackets or punctuation', () => {
    expect(avatarInitials('Priya (SRE)')).toBe('PS')
    expect(avatarInitials('— Ben')).toBe('BE')
    expect(avatarInitials('Zoë, Ops')).toBe('ZO')
  })

  it('shows the first two letters of a one-word name', () => {
    expect(avatarInitials('Happy Koala')).toBe('HK')
    expect(avatarInitials('Priya')).toBe('PR')
    expect(avatarInitials('  J  ')).toBe('J')
  })

  it('keeps letters from any script whole', () => {
    expect(avatarInitials('Łukasz Ą')).toBe('ŁĄ')
    expect(avatarInitials('山田 太郎')).toBe('山太')
  })

  it('shows a question mark for a name with no letters', () => {
    expect(avatarInitials('(42)')).toBe('?')
    expect(avatarInitials('')).toBe('?')
  })
})
