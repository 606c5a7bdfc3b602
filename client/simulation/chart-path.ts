/** Where a chart draws, in SVG user units. */
export interface ChartBox {
  width: number
  height: number
  /** Room kept free inside the box so the line and its end dot are not clipped. */
  inset: number
}

/** A series as SVG paths plus what the labels need. */
export interface ChartPaths {
  /** The line through every point (empty when there are no points). */
  line: string
  /** The line closed down to the baseline, for a soft fill. */
  area: string
  min: number
  max: number
  /** The newest point, where the chart puts a dot. */
  last: { x: number; y: number; value: number } | null
}

const round = (n: number) => Math.round(n * 100) / 100

/**
 * Scales a series into the box: oldest point on the left, newest on the right, the lowest value
 * at the bottom. A flat series draws across the middle; a single point sits at the right edge.
 */
export function chartPaths(points: readonly (number | null)[], box: ChartBox): ChartPaths {
  const values = points.filter((p): p is number => p !== null && Number.isFinite(p))
  if (values.length === 0) return { line: '', area: '', min: 0, max: 0, last: null }
  const min = Math.min(...values)
  const max = Math.max(...values)
  const left = box.inset
  const right = box.width - box.inset
  const top = box.inset
  const bottom = box.height - box.inset
  const span = max - min
  const x = (i: number) => (values.length === 1 ? right : left + ((right - left) * i) / (values.length - 1))
  const y = (v: number) => (span === 0 ? (top + bottom) / 2 : bottom - ((bottom - top) * (v - min)) / span)
  const coords = values.map((v, i) => [round(x(i)), round(y(v))] as const)
  const line = coords.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px} ${py}`).join(' ')
  const first = coords[0]
  const final = coords[coords.length - 1]
  const area = first && final ? `${line} L${final[0]} ${round(bottom)} L${first[0]} ${round(bottom)} Z` : ''
  const lastValue = values[values.length - 1]
  return {
    line,
    area,
    min,
    max,
    last: final && lastValue !== undefined ? { x: final[0], y: final[1], value: lastValue } : null,
  }
}
