import { describe, expect, it } from 'vitest'
import { componentKindSchema, componentPropsPatchSchema } from '../../shared/diagram/components'
import {
  editProperty,
  propertyFieldsFor,
  propertyKeysFor,
  shownValue,
} from '../../shared/diagram/property-fields'

const field = (kind: Parameters<typeof propertyFieldsFor>[0], key: string) => {
  const found = propertyFieldsFor(kind).find((f) => f.key === key)
  if (!found) throw new Error(`${kind} has no ${key}`)
  return found
}

describe('the properties beside a box', () => {
  it('shows each kind what matters to it', () => {
    expect(propertyKeysFor('client')).toEqual(['ratePerSecond', 'timeoutMs', 'retries', 'backoffMs'])
    expect(propertyKeysFor('cache')).toContain('cacheHitRatio')
    expect(propertyKeysFor('service')).not.toContain('cacheHitRatio')
    expect(propertyKeysFor('queue')).not.toContain('retries') // consumers pull from a queue
    for (const kind of componentKindSchema.options) expect(propertyKeysFor(kind).length).toBeGreaterThan(3)
  })

  it('takes its bounds from what the engine accepts', () => {
    expect(field('service', 'replicas')).toMatchObject({ min: 1, max: 64, integer: true })
    expect(field('service', 'timeoutMs')).toMatchObject({ min: 1, max: 60_000, canBeNone: true })
    expect(field('cache', 'cacheHitRatio')).toMatchObject({ min: 0, max: 1, percent: true, integer: false })
  })

  it('stores a percentage as a share and keeps the other settings', () => {
    const edit = editProperty({ replicas: 3 }, field('cache', 'cacheHitRatio'), { kind: 'number', value: 95 })
    expect(edit).toEqual({ ok: true, patch: { replicas: 3, cacheHitRatio: 0.95 } })
    if (edit.ok) expect(componentPropsPatchSchema.parse(edit.patch)).toEqual(edit.patch)
  })

  it('goes back to the default, or to no timeout at all', () => {
    const timeout = field('service', 'timeoutMs')
    expect(editProperty({ timeoutMs: 500, retries: 2 }, timeout, { kind: 'default' })).toEqual({
      ok: true,
      patch: { retries: 2 },
    })
    expect(editProperty({}, timeout, { kind: 'none' })).toEqual({ ok: true, patch: { timeoutMs: null } })
    expect(editProperty({}, field('service', 'replicas'), { kind: 'none' })).toMatchObject({ ok: false })
  })

  it('refuses what the engine would not run, saying the range', () => {
    expect(editProperty({}, field('service', 'replicas'), { kind: 'number', value: 2.5 })).toEqual({
      ok: false,
      message: 'Replicas must be a whole number from 1 to 64.',
    })
    expect(editProperty({}, field('cache', 'cacheHitRatio'), { kind: 'number', value: 120 })).toEqual({
      ok: false,
      message: 'Cache hit ratio must be from 0 to 100 %.',
    })
    expect(
      editProperty({}, field('service', 'baseLatencyMs'), { kind: 'number', value: Number.NaN }),
    ).toMatchObject({
      ok: false,
    })
  })

  it('shows shares as percentages and no timeout as "none"', () => {
    expect(shownValue(field('cache', 'cacheHitRatio'), 0.8)).toBe('80')
    expect(shownValue(field('service', 'failureProbability'), 0.001)).toBe('0.1')
    expect(shownValue(field('service', 'timeoutMs'), null)).toBe('none')
  })
})
