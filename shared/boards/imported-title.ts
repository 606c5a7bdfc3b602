import { LIMITS } from '../protocol/rest'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const
// cutting a title must not leave half of a character outside the Basic Multilingual Plane
const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF]$/
// a title that was imported before keeps one note, the newest
const EARLIER_NOTE = / \(imported \d{1,2} [A-Z][a-z]{2}\)$/

/**
 * The title of a board made from an imported file: "Cells workshop (imported 2 Dec)", so the copy
 * is told apart from the board it came from. The date is the server's (UTC); a long title is
 * shortened to fit the title limit.
 */
export function importedTitle(title: string, importedAt: Date): string {
  const note = ` (imported ${importedAt.getUTCDate()} ${MONTHS[importedAt.getUTCMonth()]})`
  const base = title.replace(EARLIER_NOTE, '')
  const room = LIMITS.titleChars - note.length
  const fitted =
    base.length > room
      ? `${base
          .slice(0, room - 1)
          .replace(LONE_HIGH_SURROGATE, '')
          .trimEnd()}…`
      : base
  return `${fitted}${note}`
}
