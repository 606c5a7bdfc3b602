import { describe, expect, it } from 'vitest'
import type { ComponentKind } from '../../shared/diagram/components'
import { type GraphSnapshot, graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'
import { designHints, HINT_RULES } from '../../shared/diagram/hints'
import { diagramGraph } from '../../shared/diagram/hints/diagram-graph'

type BoxSpec = [id: string, kind: ComponentKind, props?: Record<string, unknown>, label?: string]
type CallSpec = [from: string, to: string, mode?: 'sync' | 'async']

/** A snapshot from terse box and call lists, parsed as a Run would. */
function diagram(boxes: BoxSpec[], calls: CallSpec[]): GraphSnapshot {
  return graphSnapshotSchema.parse({
    boxes: boxes.map(([id, kind, props, label]) => ({ id, kind, props: props ?? {}, label: label ?? id })),
    calls: calls.map(([from, to, mode], i) => ({ id: `arrow-${i}`, from, to, mode: mode ?? 'sync' })),
  })
}

const ids = (rule: keyof typeof HINT_RULES, graph: GraphSnapshot) =>
  HINT_RULES[rule](diagramGraph(graph), { maxSyncDepth: 5 }).map((hint) => hint.shapeIds)

/** A healthy design: two API replicas behind a balancer, a replicated cache and database. */
const healthy = diagram(
  [
    ['users', 'client'],
    ['lb', 'load-balancer'],
    ['api', 'service'],
    ['cache', 'cache', { replicas: 2 }],
    ['db', 'database', { replicas: 2 }],
  ],
  [
    ['users', 'lb'],
    ['lb', 'api'],
    ['api', 'cache'],
    ['cache', 'db'],
  ],
)

describe('design hints', () => {
  it('finds nothing to say about a healthy design', () => {
    expect(designHints(healthy)).toEqual([])
  })

  it('single instance on the critical path: points at a one-replica box requests wait on', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['api', 'service', { replicas: 1 }],
        ['db', 'database', { replicas: 2 }],
        ['log', 'queue', {}, 'audit dlq'],
      ],
      [
        ['users', 'api'],
        ['api', 'db'],
        ['api', 'log', 'async'],
      ],
    )
    expect(ids('single-instance', graph)).toEqual([['api']])
  })

  it('single instance: a one-replica box behind a balancer with another target is covered', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['lb', 'load-balancer'],
        ['a', 'service', { replicas: 1 }],
        ['b', 'service', { replicas: 1 }],
      ],
      [
        ['users', 'lb'],
        ['lb', 'a'],
        ['lb', 'b'],
      ],
    )
    expect(ids('single-instance', graph)).toEqual([])
  })

  it('synchronous chain deeper than N: names the boxes of the longest chain, and ignores async hops', () => {
    const boxes: BoxSpec[] = [
      ['users', 'client'],
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id): BoxSpec => [id, 'service']),
    ]
    const deep = diagram(boxes, [
      ['users', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'a'],
    ])
    expect(ids('deep-sync-chain', deep)).toEqual([['a', 'b', 'c', 'd', 'e', 'f']])
    const broken = diagram(boxes, [
      ['users', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd', 'async'],
      ['d', 'e'],
      ['e', 'f'],
    ])
    expect(ids('deep-sync-chain', broken)).toEqual([])
  })

  it('retries without timeout or backoff: flags either one missing, not a box that never retries', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['no-timeout', 'service', { retries: 2, timeoutMs: null }],
        ['no-backoff', 'service', { retries: 2, backoffMs: 0 }],
        ['fine', 'service', { retries: 0, timeoutMs: null }],
        ['db', 'database'],
      ],
      [
        ['users', 'no-timeout'],
        ['no-timeout', 'no-backoff'],
        ['no-backoff', 'fine'],
        ['fine', 'db'],
      ],
    )
    expect(ids('retries-without-limits', graph)).toEqual([['no-timeout'], ['no-backoff']])
  })

  it('queue with no dead-letter path: a queue draining only into workers', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['jobs', 'queue'],
        ['worker', 'worker'],
        ['mail', 'queue'],
        ['mail-dlq', 'queue'],
      ],
      [
        ['users', 'jobs', 'async'],
        ['jobs', 'worker'],
        ['users', 'mail', 'async'],
        ['mail', 'mail-dlq'],
      ],
    )
    expect(ids('queue-without-dead-letter', graph)).toEqual([['jobs']])
  })

  it('two services writing one database: the database and both writers, not a cache reading through', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['orders', 'service'],
        ['billing', 'service'],
        ['cache', 'cache'],
        ['db', 'database'],
        ['own', 'database'],
      ],
      [
        ['users', 'orders'],
        ['users', 'billing'],
        ['orders', 'db'],
        ['billing', 'db'],
        ['cache', 'db'],
        ['orders', 'own'],
      ],
    )
    expect(ids('shared-database', graph)).toEqual([['db', 'orders', 'billing']])
  })

  it('cache without a fallback for misses: a cache with nothing behind it', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['api', 'service'],
        ['sessions', 'cache'],
        ['cdn', 'cdn'],
        ['origin', 'object-store'],
      ],
      [
        ['users', 'cdn'],
        ['cdn', 'origin'],
        ['users', 'api'],
        ['api', 'sessions'],
      ],
    )
    expect(ids('cache-without-fallback', graph)).toEqual([['sessions']])
  })

  it('no entry point: points at the boxes nothing calls', () => {
    const graph = diagram(
      [
        ['api', 'service'],
        ['db', 'database'],
      ],
      [['api', 'db']],
    )
    expect(ids('no-entry-point', graph)).toEqual([['api']])
    expect(ids('no-entry-point', healthy)).toEqual([])
  })

  it('unreachable boxes: boxes no client reaches, following sync and async calls', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['api', 'service'],
        ['jobs', 'queue', {}, 'jobs dlq'],
        ['island', 'service'],
        ['island-db', 'database'],
      ],
      [
        ['users', 'api'],
        ['api', 'jobs', 'async'],
        ['island', 'island-db'],
      ],
    )
    expect(ids('unreachable-boxes', graph)).toEqual([['island', 'island-db']])
  })

  it('calls that go round in a loop: names one way round and points at every box on it', () => {
    const graph = diagram(
      [
        ['users', 'client'],
        ['lb', 'load-balancer', {}, 'LB'],
        ['api', 'service', {}, 'API'],
        ['orders', 'service', {}, ''],
        ['stock', 'service', {}, ''],
      ],
      [
        ['users', 'lb'],
        ['lb', 'api'],
        ['api', 'lb'],
        ['api', 'orders', 'async'],
        ['orders', 'stock'],
        ['stock', 'orders'],
      ],
    )
    const loops = HINT_RULES['call-loop'](diagramGraph(graph))
    expect(loops).toEqual([
      { rule: 'call-loop', message: 'Calls go round in a loop: LB → API → LB', shapeIds: ['lb', 'api'] },
      {
        rule: 'call-loop',
        message: 'Calls go round in a loop: Service 1 → Service 2 → Service 1',
        shapeIds: ['orders', 'stock'],
      },
    ])
    expect(ids('call-loop', healthy)).toEqual([])
  })

  it('starts every hint with a capital letter', () => {
    const graph = diagram(
      [
        ['api', 'service', { replicas: 1 }, 'api'],
        ['db', 'database', {}, 'db'],
      ],
      [['api', 'db']],
    )
    const hints = designHints(graph)
    expect(hints.length).toBeGreaterThan(0)
    for (const hint of hints) expect(hint.message[0]).toBe(hint.message[0]?.toUpperCase())
  })

  it('tells what each hint is about in words', () => {
    const graph = diagram(
      [
        ['api', 'service'],
        ['db', 'database'],
      ],
      [['api', 'db']],
    )
    const hints = designHints(graph)
    expect(hints.map((hint) => hint.rule)).toContain('no-entry-point')
    for (const hint of hints) expect(hint.message.length).toBeGreaterThan(10)
  })
})
