import type { z } from 'zod'
import {
  BUFFER_KINDS,
  CACHING_KINDS,
  type ComponentKind,
  type ComponentProps,
  type ComponentPropsPatch,
  componentPropsSchema,
} from './components'

type NumberKey = Exclude<keyof ComponentProps, 'timeoutMs'>

/** One property as the panel beside a box shows it. */
export interface PropertyField {
  key: keyof ComponentProps
  label: string
  /** What the number is in: shown after the input. */
  unit: string
  /** Shown and typed as a percentage (stored as a share, 0–1). */
  percent: boolean
  integer: boolean
  /** "No timeout" can be chosen (stored as null). */
  canBeNone: boolean
  min: number
  max: number
}

const LABELS: Record<keyof ComponentProps, { label: string; unit: string; percent?: boolean }> = {
  ratePerSecond: { label: 'Requests sent', unit: '/s' },
  replicas: { label: 'Replicas', unit: '' },
  capacityPerReplica: { label: 'Capacity per replica', unit: 'req/s' },
  baseLatencyMs: { label: 'Base latency', unit: 'ms' },
  timeoutMs: { label: 'Timeout', unit: 'ms' },
  retries: { label: 'Retries', unit: '' },
  backoffMs: { label: 'Backoff', unit: 'ms' },
  queueLimit: { label: 'Queue limit', unit: '' },
  cacheHitRatio: { label: 'Cache hit ratio', unit: '%', percent: true },
  failureProbability: { label: 'Failure chance', unit: '%', percent: true },
  costPerHour: { label: 'Cost per replica', unit: '$/h' },
}

const CALLING: (keyof ComponentProps)[] = ['timeoutMs', 'retries', 'backoffMs']
const SERVING: (keyof ComponentProps)[] = ['replicas', 'capacityPerReplica', 'baseLatencyMs', 'queueLimit']

/** The properties that matter for a kind, in the panel's order (a traffic source only sends). */
export function propertyKeysFor(kind: ComponentKind): (keyof ComponentProps)[] {
  if (kind === 'client') return ['ratePerSecond', ...CALLING]
  return [
    ...SERVING,
    ...(CACHING_KINDS.has(kind) ? (['cacheHitRatio'] as const) : []),
    // a queue or stream hands work off: its consumers pull, so it never waits on a call
    ...(BUFFER_KINDS.has(kind) ? [] : CALLING),
    'failureProbability',
    'costPerHour',
  ]
}

/** The fields the panel shows for a kind, with the bounds the engine accepts. */
export function propertyFieldsFor(kind: ComponentKind): PropertyField[] {
  return propertyKeysFor(kind).map((key) => {
    const { label, unit, percent = false } = LABELS[key]
    const bounds = numberBounds(componentPropsSchema.shape[key])
    return { key, label, unit, percent, canBeNone: key === 'timeoutMs', ...bounds }
  })
}

function numberBounds(schema: z.ZodType): { min: number; max: number; integer: boolean } {
  const inner = ('unwrap' in schema ? (schema as z.ZodNullable<z.ZodNumber>).unwrap() : schema) as z.ZodNumber
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER, integer: inner.isInt }
}

/** What a person typed for one property: a number, "none" (no timeout), or empty (the kind's default). */
export type PropertyInput = { kind: 'number'; value: number } | { kind: 'none' } | { kind: 'default' }

export type PropertyEdit = { ok: true; patch: ComponentPropsPatch } | { ok: false; message: string }

/**
 * A box's own settings after one edit: a percentage becomes a share, the value is checked against
 * what the engine accepts, and "default" removes the setting so the kind's default applies again.
 */
export function editProperty(
  patch: ComponentPropsPatch | undefined,
  field: PropertyField,
  input: PropertyInput,
): PropertyEdit {
  const { [field.key]: _, ...rest } = patch ?? {}
  if (input.kind === 'default') return { ok: true, patch: rest }
  if (input.kind === 'none') {
    if (!field.canBeNone) return { ok: false, message: `${field.label} needs a number.` }
    return { ok: true, patch: { ...rest, [field.key]: null } }
  }
  const value = field.percent ? input.value / 100 : input.value
  const parsed = componentPropsSchema.shape[field.key as NumberKey].safeParse(value)
  if (!parsed.success) {
    const scale = field.percent ? 100 : 1
    const whole = field.integer ? 'a whole number ' : ''
    return {
      ok: false,
      message: `${field.label} must be ${whole}from ${field.min * scale} to ${field.max * scale}${field.unit === '%' ? ' %' : ''}.`,
    }
  }
  return { ok: true, patch: { ...rest, [field.key]: parsed.data } }
}

/** A property's value as the panel shows it (percentages as percentages; null as "none"). */
export function shownValue(field: PropertyField, value: number | null): string {
  if (value === null) return 'none'
  const shown = field.percent ? value * 100 : value
  return String(Math.round(shown * 1000) / 1000)
}
