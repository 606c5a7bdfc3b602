/** Colours people get for their cursor and avatar: distinct, readable on a light canvas, #rrggbb. */
export const PRESENCE_COLORS = [
  '#e03131',
  '#d6336c',
  '#ae3ec9',
  '#7048e8',
  '#4263eb',
  '#1c7ed6',
  '#0c8599',
  '#099268',
  '#2f9e44',
  '#66a80f',
  '#e8590c',
  '#c2255c',
] as const

export type PresenceColor = (typeof PRESENCE_COLORS)[number]

/** A colour from the palette chosen by an integer (any integer; wraps around). */
export function presenceColorAt(index: number): PresenceColor {
  const count = PRESENCE_COLORS.length
  const wrapped = ((Math.trunc(index) % count) + count) % count
  return PRESENCE_COLORS[wrapped] ?? PRESENCE_COLORS[0]
}

/** The palette colour after `color`, for a "change my colour" button. */
export function nextPresenceColor(color: string): PresenceColor {
  const palette: readonly string[] = PRESENCE_COLORS
  const index = palette.indexOf(color.toLowerCase())
  return presenceColorAt(index + 1)
}
