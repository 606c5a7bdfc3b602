import { describe, expect, it } from 'vitest'
import { importedTitle } from '../../shared/boards/imported-title'
import { boardTitleSchema, LIMITS } from '../../shared/protocol/rest'

const DEC_2 = new Date(Date.UTC(2026, 11, 2, 9, 30))

describe('the title of an imported board', () => {
  it('says when it was imported', () => {
    expect(importedTitle('Cells workshop', DEC_2)).toBe('Cells workshop (imported 2 Dec)')
  })

  it('uses the UTC date, whatever the hour', () => {
    expect(importedTitle('Late', new Date(Date.UTC(2027, 0, 31, 23, 59)))).toBe('Late (imported 31 Jan)')
  })

  it('keeps one note when a copy is imported again', () => {
    const once = importedTitle('Cells workshop', DEC_2)
    expect(importedTitle(once, new Date(Date.UTC(2026, 11, 5)))).toBe('Cells workshop (imported 5 Dec)')
  })

  it('shortens a long title so the whole stays a valid title', () => {
    const title = importedTitle('x'.repeat(LIMITS.titleChars), DEC_2)
    expect(title.length).toBeLessThanOrEqual(LIMITS.titleChars)
    expect(title.endsWith('… (imported 2 Dec)')).toBe(true)
    expect(boardTitleSchema.safeParse(title).success).toBe(true)
  })

  it('never cuts a character in half', () => {
    const title = importedTitle(`${'a'.repeat(101)}${'😀'.repeat(20)}`, DEC_2)
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(title.length).toBeLessThanOrEqual(LIMITS.titleChars)
  })
})
