import type { Metric } from '../../shared/sim/view'

/** A metric as the panel prints it: the number, and the unit that goes after it. */
export interface FormattedMetric {
  value: string
  unit: string
}

/** Units written straight after the number, with no space ("12.5%", "1.4×"). */
const TIGHT_UNITS = new Set(['%', '×'])

/** An integer or decimal with thin thousands separators and at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–'
  const negative = value < 0
  const fixed = Math.abs(value).toFixed(digits)
  const [whole = '0', fraction = ''] = fixed.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const trimmed = fraction.replace(/0+$/, '')
  const text = trimmed ? `${grouped}.${trimmed}` : grouped
  return negative && text !== '0' ? `−${text}` : text
}

/** Large counts shortened for a glance: 12,345 stays, 1,234,567 becomes "1.23 M". */
function compactNumber(value: number): { value: string; suffix: string } {
  const abs = Math.abs(value)
  if (abs >= 1e9) return { value: formatNumber(value / 1e9, 2), suffix: ' B' }
  if (abs >= 1e6) return { value: formatNumber(value / 1e6, 2), suffix: ' M' }
  return { value: formatNumber(value, abs >= 100 ? 0 : abs >= 10 ? 1 : 2), suffix: '' }
}

function bytes(value: number): FormattedMetric {
  const abs = Math.abs(value)
  if (abs >= 1e9) return { value: formatNumber(value / 1e9, 2), unit: 'GB' }
  if (abs >= 1e6) return { value: formatNumber(value / 1e6, 2), unit: 'MB' }
  if (abs >= 1e3) return { value: formatNumber(value / 1e3, 1), unit: 'kB' }
  return { value: formatNumber(value, 0), unit: 'B' }
}

/** "1 tenants" reads badly: a plural unit after exactly one loses its s. */
export function unitFor(value: number, unit: string): string {
  if (Math.abs(value) !== 1 || !/^[a-z]{3,}s$/.test(unit)) return unit
  return unit.slice(0, -1)
}

/**
 * How the metrics grid shows a figure: separators, no float noise, bytes in kB/MB, a "never" for
 * the negative drain time engines use when a backlog grows, a dash for a figure with no value
 * (e.g. no latency when no request succeeded: never shown as 0).
 */
export function formatMetric(metric: Pick<Metric, 'id' | 'value' | 'unit'>): FormattedMetric {
  const { value, unit } = metric
  if (value === null) return { value: '—', unit: '' }
  if (!Number.isFinite(value)) return { value: '–', unit: '' }
  if (metric.id === 'drain-time' && value < 0) return { value: 'never', unit: '' }
  if (unit === 'B') return bytes(value)
  if (TIGHT_UNITS.has(unit))
    return { value: `${formatNumber(value, Math.abs(value) >= 100 ? 1 : 2)}${unit}`, unit: '' }
  const compact = compactNumber(value)
  return { value: `${compact.value}${compact.suffix}`, unit: unitFor(value, unit) }
}
