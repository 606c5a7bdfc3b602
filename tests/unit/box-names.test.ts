import { describe, expect, it } from 'vitest'
import { chaosAppliesTo } from '../../shared/diagram/box-chaos'
import { boxNames, flowOrder, KIND_NAMES } from '../../shared/diagram/box-names'
import { componentKindSchema } from '../../shared/diagram/components'
import { graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'

/** Boxes sorted by id as a Run reads them, so the snapshot's order is not the flow's. */
const snapshot = graphSnapshotSchema.parse({
  boxes: [
    { id: 'a-db', kind: 'database', label: '' },
    { id: 'b-svc', kind: 'service', label: '' },
    { id: 'c-lb', kind: 'load-balancer', label: '' },
    { id: 'd-svc', kind: 'service', label: '' },
    { id: 'e-users', kind: 'client', label: 'Users' },
    { id: 'f-island', kind: 'service', label: '' },
  ],
  calls: [
    { id: 'arrow-1', from: 'e-users', to: 'c-lb' },
    { id: 'arrow-2', from: 'c-lb', to: 'd-svc' },
    { id: 'arrow-3', from: 'c-lb', to: 'b-svc' },
    { id: 'arrow-4', from: 'b-svc', to: 'a-db' },
  ],
})

describe('box names and order', () => {
  it('lists boxes from the traffic sources along the calls, then the boxes nothing reaches', () => {
    expect(flowOrder(snapshot)).toEqual(['e-users', 'c-lb', 'd-svc', 'b-svc', 'a-db', 'f-island'])
  })

  it('names unlabelled boxes by kind and numbers names worn twice in flow order', () => {
    expect(Object.fromEntries(boxNames(snapshot))).toEqual({
      'e-users': 'Users',
      'c-lb': 'Load balancer',
      'd-svc': 'Service 1',
      'b-svc': 'Service 2',
      'a-db': 'Database',
      'f-island': 'Service 3',
    })
  })

  it('has one display name for every kind, with no hyphen', () => {
    for (const kind of componentKindSchema.options) expect(KIND_NAMES[kind]).not.toContain('-')
  })
})

describe('chaos for a box', () => {
  it('offers a cache flush only on a cache or CDN, and every other switch on any box', () => {
    expect(chaosAppliesTo('cache-flush', 'cache')).toBe(true)
    expect(chaosAppliesTo('cache-flush', 'cdn')).toBe(true)
    expect(chaosAppliesTo('cache-flush', 'service')).toBe(false)
    expect(chaosAppliesTo('kill-box', 'service')).toBe(true)
    expect(chaosAppliesTo('slow-box', 'database')).toBe(true)
  })
})
