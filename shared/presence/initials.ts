/**
 * The one or two letters on a person's avatar: the first letter of their first two words, using
 * letters only, so "Priya (SRE)" is "PS" and "— Ana" is "A". A name without letters shows "?".
 */
export function avatarInitials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}]/gu, ''))
    .filter((word) => word.length > 0)
  const [first, second] = words
  if (!first) return '?'
  const letters = second
    ? [first, second].map((word) => firstLetter(word)).join('')
    : Array.from(first).slice(0, 2).join('')
  return letters.toLocaleUpperCase()
}

// A letter may be more than one UTF-16 unit (e.g. outside the Basic Multilingual Plane).
function firstLetter(word: string): string {
  return Array.from(word)[0] ?? ''
}
