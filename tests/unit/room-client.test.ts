import { describe, expect, it } from 'vitest'
import { votedLine } from '../../client/checkpoint/vote-count'
import { raisedHands } from '../../client/room/RaisedHands'
import { isTextTarget, type KeyPress, SHORTCUTS, shortcutFor } from '../../client/shortcuts/shortcut-keys'

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...over,
})

describe('session shortcuts', () => {
  it('map a clicker’s PageDown / PageUp to Step and Back, with Shift to workshop segments', () => {
    expect(shortcutFor(press('PageDown'), false)).toBe('step')
    expect(shortcutFor(press('PageUp'), false)).toBe('back')
    expect(shortcutFor(press('PageDown', { shiftKey: true }), false)).toBe('next-segment')
    expect(shortcutFor(press('PageUp', { shiftKey: true }), false)).toBe('previous-segment')
    expect(shortcutFor(press('p'), false)).toBe('timer-toggle')
    expect(shortcutFor(press('M'), false)).toBe('timer-add')
    expect(shortcutFor(press('?', { shiftKey: true }), false)).toBe('help')
  })

  it('never fire while typing, and leave Ctrl, ⌘ and Alt combinations and tldraw’s keys alone', () => {
    for (const key of ['PageDown', 'PageUp', 'p', 'm', '?']) expect(shortcutFor(press(key), true)).toBeNull()
    expect(shortcutFor(press('p', { ctrlKey: true }), false)).toBeNull()
    expect(shortcutFor(press('PageDown', { metaKey: true }), false)).toBeNull()
    expect(shortcutFor(press('m', { altKey: true }), false)).toBeNull()
    // tldraw's tools and actions (a sample of its single keys) are not ours
    for (const key of [
      'v',
      'h',
      'd',
      'e',
      'a',
      't',
      'n',
      'r',
      'o',
      'f',
      'l',
      'k',
      'z',
      'ArrowLeft',
      'Delete',
    ]) {
      expect(shortcutFor(press(key), false)).toBeNull()
    }
  })

  it('list every action in the "?" sheet once', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length)
  })

  it('treat fields and editable text as typing', () => {
    expect(isTextTarget({ tagName: 'input' })).toBe(true)
    expect(isTextTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTextTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(isTextTarget({ tagName: 'BUTTON' })).toBe(false)
    expect(isTextTarget(null)).toBe(false)
  })
})

describe('the room', () => {
  it('says how many of the people here voted, never fewer people than votes', () => {
    expect(votedLine(3, 5)).toBe('3 of 5 voted')
    expect(votedLine(0, 4)).toBe('0 of 4 voted')
    expect(votedLine(3, 2)).toBe('3 of 3 voted')
  })

  it('lists raised hands first raised first', () => {
    const person = (id: string, handRaisedAt?: number) => ({
      id,
      name: id,
      color: '#000000',
      role: 'viewer' as const,
      ...(handRaisedAt === undefined ? {} : { handRaisedAt }),
    })
    expect(raisedHands([person('a', 30), person('b'), person('c', 10)]).map((p) => p.id)).toEqual(['c', 'a'])
  })
})
