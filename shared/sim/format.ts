/** An integer with thin thousands separators, the same on every screen (no locale lookup). */
export function formatCount(value: number): string {
  const rounded = Math.round(value)
  const digits = Math.abs(rounded).toString()
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return rounded < 0 ? `-${grouped}` : grouped
}

/** A ratio (0.125) as a percentage string ("12.5%"). */
export function formatPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`
}

/** A number rounded to `digits` decimals, for metric values that should not show float noise. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
