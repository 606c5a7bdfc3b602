import { describe, expect, it } from 'vitest'
import { planRestore, sameJson } from '../../shared/boards/restore-plan'

const shape = (id: string, x: number, extra: Record<string, unknown> = {}) => ({
  id,
  typeName: 'shape',
  x,
  props: { w: 10, label: ['a', { b: 1 }] },
  ...extra,
})

describe('planRestore', () => {
  it('puts what is new or different and removes what the version lacks', () => {
    const current = new Map<string, unknown>([
      ['shape:same', shape('shape:same', 1)],
      ['shape:moved', shape('shape:moved', 1)],
      ['shape:added-since', shape('shape:added-since', 1)],
    ])
    const version = [shape('shape:same', 1), shape('shape:moved', 2), shape('shape:deleted-since', 3)]
    const plan = planRestore(current, version)
    expect(plan.put.map((r) => r.id)).toEqual(['shape:moved', 'shape:deleted-since'])
    expect(plan.remove).toEqual(['shape:added-since'])
  })

  it('is empty when the board already matches, whatever the key order', () => {
    const current = new Map<string, unknown>([
      ['shape:a', { props: { w: 10, label: ['a', { b: 1 }] }, x: 1, typeName: 'shape', id: 'shape:a' }],
    ])
    expect(planRestore(current, [shape('shape:a', 1)])).toEqual({ put: [], remove: [] })
  })
})

describe('planRestore and attribution', () => {
  it('never removes or rewinds who made what, and adds the version’s missing people', () => {
    const current = new Map<string, unknown>([
      ['user:joined-since', { id: 'user:joined-since', typeName: 'user', name: 'Ben' }],
      ['user:renamed', { id: 'user:renamed', typeName: 'user', name: 'Ana B.' }],
    ])
    const version = [
      { id: 'user:renamed', typeName: 'user', name: 'Ana' },
      { id: 'user:left', typeName: 'user', name: 'Cy' },
    ]
    const plan = planRestore(current, version)
    expect(plan.put.map((r) => r.id)).toEqual(['user:left'])
    expect(plan.remove).toEqual([])
  })
})

describe('sameJson', () => {
  it('compares nested values, not references', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true)
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameJson([], {})).toBe(false)
    expect(sameJson({ a: undefined }, {})).toBe(true)
    expect(sameJson(null, {})).toBe(false)
  })
})
