import { describe, expect, it } from 'vitest'
import type { AnySimEngine } from '../../../shared/sim/engine'
import { ENGINE_IDS, type EngineId, engines, getEngine } from '../../../shared/sim/engines'
import { replay, replayUntrusted } from '../../../shared/sim/replay'
import { hashState } from '../../../shared/sim/state-hash'
import { LOG_LIMIT, SERIES_LIMIT, simViewSchema } from '../../../shared/sim/view'
import { frozenTrace, prepare } from './sim-test-kit'

/** A script per engine that touches every event type, failures included. */
const SCRIPTS: Record<EngineId, { params: unknown; events: unknown[] }> = {
  hyperloglog: {
    params: { precision: 8 },
    events: [
      { type: 'arrive', count: 2_000 },
      { type: 'arrive', count: 3_000 },
      { type: 'set-precision', precision: 5 },
      { type: 'set-hash', hash: 'java-string-hash' },
      { type: 'arrive', count: 500 },
    ],
  },
  'load-leveling': {
    params: {},
    events: [
      { type: 'tick', steps: 40 },
      { type: 'burst', ticks: 10, rate: 120 },
      { type: 'poison' },
      { type: 'tick', steps: 15 },
      { type: 'worker-outage', workers: 2 },
      { type: 'tick', steps: 10 },
      { type: 'set-max-receives', maxReceives: null },
      { type: 'restore-workers' },
      { type: 'scale-workers', workers: 2 },
      { type: 'tick', steps: 70 },
    ],
  },
  cells: {
    params: { tenants: 200, cells: 8, shuffleShardSize: 2 },
    events: [
      { type: 'tick', steps: 2 },
      { type: 'deploy', bad: false },
      { type: 'tick', steps: 3 },
      { type: 'control-plane-outage' },
      { type: 'onboard', count: 4 },
      { type: 'deploy', bad: false },
      { type: 'fail-cell', cell: 'cell-2', cause: 'infrastructure' },
      { type: 'poison-tenant' },
      { type: 'tick', steps: 2 },
      { type: 'control-plane-restore' },
      { type: 'recover' },
      { type: 'deploy', bad: true },
      { type: 'tick', steps: 12 },
      { type: 'rollback' },
      { type: 'tick', steps: 12 },
    ],
  },
  medallion: {
    params: {},
    events: [
      { type: 'ingest', batches: 12 },
      { type: 'build-gold' },
      { type: 'ingest', batches: 4 },
      { type: 'late-data', day: 1, rows: 30 },
      { type: 'schema-drift' },
      { type: 'ingest', batches: 2 },
      { type: 'fix-mapping' },
      { type: 'reprocess-quarantine' },
      { type: 'tick', steps: 600 },
      { type: 'rebuild-gold' },
    ],
  },
  kappa: {
    params: { retention: 1_200 },
    events: [
      { type: 'tick', steps: 23 },
      { type: 'ship-bug' },
      { type: 'tick', steps: 81 },
      { type: 'bug-found' },
      { type: 'crash', group: 'v1' },
      { type: 'deploy-v2' },
      { type: 'tick', steps: 12 },
      { type: 'set-broker-bandwidth', recordsPerPartition: 30 },
      { type: 'tick', steps: 4 },
      { type: 'throttle-replay', rate: 15 },
      { type: 'crash', group: 'v2' },
      { type: 'set-retention', offsets: null },
      { type: 'tick', steps: 60 },
      { type: 'switch-reads' },
      { type: 'retire-v1' },
      { type: 'tick', steps: 3 },
    ],
  },
  canary: {
    params: {},
    events: [
      { type: 'promote' },
      { type: 'tick', steps: 10 },
      { type: 'promote' },
      { type: 'set-traffic', requestsPerTick: 60 },
      { type: 'tick', steps: 10 },
      { type: 'bad-version' },
      { type: 'tick', steps: 20 },
      { type: 'rollback' },
      { type: 'deploy-canary', quality: 'good' },
      { type: 'promote', percent: 50 },
      { type: 'tick', steps: 10 },
      { type: 'subtle-regression' },
      { type: 'tick', steps: 10 },
    ],
  },
  'llm-serving': {
    params: { arrivalRate: 0.5, promptTokens: 2_000, outputTokens: 60 },
    events: [
      { type: 'arrive', count: 8, promptTokens: 1_000, outputTokens: 40 },
      { type: 'tick', steps: 30 },
      { type: 'set-weight-bits', bits: 8 },
      { type: 'set-kv-heads', kvHeads: 32 },
      { type: 'set-kv-heads', kvHeads: 5 },
      { type: 'set-admission', admission: 'none' },
      { type: 'arrive', count: 40, promptTokens: 8_000, outputTokens: 50 },
      { type: 'tick', steps: 20 },
      { type: 'set-arrival-rate', perStep: 0.2 },
      { type: 'set-admission', admission: 'reserve' },
      { type: 'tick', steps: 40 },
    ],
  },
  'call-chain': {
    params: {
      rates: { checkout: 6, history: 3, stock: 3 },
      retries: { 'api-gateway': 1, orders: 1, payments: 1 },
    },
    events: [
      { type: 'tick', steps: 10 },
      { type: 'set-latency', dependency: 'card-processor', ticks: 20 },
      { type: 'set-retries', retries: 3 },
      { type: 'tick', steps: 25 },
      { type: 'set-breakers', enabled: true },
      { type: 'set-bulkhead', edge: 'orders->payments', limit: 20 },
      { type: 'set-bulkhead', edge: 'orders->nowhere', limit: 20 },
      { type: 'set-availability', hop: 'orders-db', availability: 0.9 },
      { type: 'set-rate', endpoint: 'history', perTick: 5 },
      { type: 'tick', steps: 30 },
      { type: 'set-latency', dependency: 'card-processor', ticks: 1 },
      { type: 'set-retries', service: 'payments', retries: 0 },
      { type: 'tick', steps: 60 },
    ],
  },
  serverless: {
    params: { baseRate: 3, idleSeconds: 30 },
    events: [
      { type: 'tick', steps: 20 },
      { type: 'campaign', orders: 3_000, seconds: 20 },
      { type: 'campaign', orders: 10, seconds: 1 },
      { type: 'set-concurrency', limit: null },
      { type: 'tick', steps: 25 },
      { type: 'set-process-time', ms: 40_000 },
      { type: 'set-visibility-timeout', ms: 30_000 },
      { type: 'set-concurrency', limit: 50 },
      { type: 'tick', steps: 40 },
      { type: 'set-base-rate', perSecond: 0 },
      { type: 'set-process-time', ms: 800 },
      { type: 'tick', steps: 80 },
    ],
  },
  strangler: {
    params: { customers: 200 },
    events: [
      { type: 'tick', steps: 3 },
      { type: 'ship-bug' },
      { type: 'ship-bug' },
      { type: 'set-parity', normalise: true },
      { type: 'tick', steps: 2 },
      { type: 'set-route', route: 'billing', percent: 10, routing: 'per-customer' },
      { type: 'set-system-of-record', system: 'legacy' },
      { type: 'fix-bug' },
      { type: 'fix-bug' },
      { type: 'set-route', route: 'catalog', percent: 50 },
      { type: 'set-parity', mirror: false },
      { type: 'tick', steps: 4 },
    ],
  },
  lambda: {
    params: { eventsPerMinute: 8, precision: 8, expiry: 'timer' },
    events: [
      { type: 'tick', steps: 95 },
      { type: 'fail-batch' },
      { type: 'tick', steps: 130 },
      { type: 'speed-drift', skipPercent: 20 },
      { type: 'set-expiry', expiry: 'cutoff' },
      { type: 'set-run-minutes', minutes: 75 },
      { type: 'tick', steps: 150 },
      { type: 'speed-drift', skipPercent: 0 },
      { type: 'set-expiry', expiry: 'timer', ttlMinutes: 120 },
      { type: 'tick', steps: 40 },
    ],
  },
  outbox: {
    params: { ackLossChance: 0.1, dedupeTtlTicks: 30 },
    events: [
      { type: 'tick', steps: 42 },
      { type: 'relay-crash' },
      { type: 'relay-crash' },
      { type: 'tick', steps: 20 },
      { type: 'replay', ticksBack: 50 },
      { type: 'tick', steps: 5 },
      { type: 'set-dedupe-ttl', ticks: 200 },
      { type: 'replay', ticksBack: 40 },
      { type: 'tick', steps: 15 },
    ],
  },
  'ai-router': {
    params: { requestsPerTick: 200 },
    events: [
      { type: 'tick', steps: 10 },
      { type: 'degrade-classifier', noise: 0.065 },
      { type: 'set-threshold', threshold: 10 },
      { type: 'tick', steps: 10 },
      { type: 'set-plan-steps', steps: 12 },
      { type: 'set-review-capacity', perTick: 1 },
      { type: 'tick', steps: 10 },
      { type: 'degrade-classifier', noise: 0 },
      { type: 'tick', steps: 5 },
    ],
  },
  'drawn-system': {
    params: {
      boxes: [
        { id: 'users', kind: 'client', props: { ratePerSecond: 200 } },
        { id: 'lb', kind: 'load-balancer', group: 'edge' },
        { id: 'api-1', kind: 'service', group: 'zone-a' },
        { id: 'api-2', kind: 'service', group: 'zone-b' },
        { id: 'cache', kind: 'cache', group: 'zone-a' },
        { id: 'db', kind: 'database', group: 'zone-b' },
        { id: 'jobs', kind: 'queue' },
        { id: 'worker', kind: 'worker' },
      ],
      calls: [
        { id: 'a1', from: 'users', to: 'lb' },
        { id: 'a2', from: 'lb', to: 'api-1' },
        { id: 'a3', from: 'lb', to: 'api-2' },
        { id: 'a4', from: 'api-1', to: 'cache' },
        { id: 'a5', from: 'api-2', to: 'cache' },
        { id: 'a6', from: 'cache', to: 'db' },
        { id: 'a7', from: 'api-1', to: 'jobs', mode: 'async', share: 0.3 },
        { id: 'a8', from: 'jobs', to: 'worker' },
        { id: 'a9', from: 'worker', to: 'db' },
      ],
    },
    events: [
      { type: 'tick', steps: 20 },
      { type: 'cache-flush', box: 'cache' },
      { type: 'tick', steps: 5 },
      { type: 'kill-box', box: 'api-1' },
      { type: 'slow-box', box: 'db', factor: 5 },
      { type: 'traffic-spike', factor: 3, ticks: 4 },
      { type: 'tick', steps: 8 },
      { type: 'partition', a: ['api-2'], b: ['db', 'cache'] },
      { type: 'fail-dependency', box: 'worker', errorRate: 0.5 },
      { type: 'kill-box', box: 'nowhere' },
      { type: 'tick', steps: 10 },
      { type: 'undo-chaos', box: 'db' },
      { type: 'undo-chaos' },
      { type: 'set-props', box: 'users', props: { ratePerSecond: 50 } },
      { type: 'set-props', box: 'api-2', props: { replicas: 4, retries: 2 } },
      { type: 'set-call', call: 'a3', share: 0.8 },
      { type: 'set-call', call: 'a7', mode: 'sync' },
      { type: 'traffic-spike', factor: 2 },
      { type: 'tick', steps: 15 },
    ],
  },
}

const cases = ENGINE_IDS.map((id) => [id, engines[id] as AnySimEngine] as const)

describe.each(cases)('engine %s', (id, engine) => {
  const { params, events } = prepare(engine, SCRIPTS[id].params, SCRIPTS[id].events)

  it('reaches the same state and hash from the same params, seed and events', () => {
    const first = replay(engine, params, 1234, events)
    const second = replay(engine, params, 1234, events)
    expect(second).toEqual(first)
    expect(hashState(second)).toBe(hashState(first))
  })

  it('reaches a different state from a different seed', () => {
    expect(hashState(replay(engine, params, 1235, events))).not.toBe(
      hashState(replay(engine, params, 1234, events)),
    )
  })

  it('never mutates the state it is given', () => {
    // every state is deep-frozen before the next event sees it: a mutation would throw
    const trace = frozenTrace(engine, params, 77, events)
    const hashes = trace.map((state) => hashState(state))
    const again = frozenTrace(engine, params, 77, events)
    expect(again.map((state) => hashState(state))).toEqual(hashes)
    expect(hashState(trace[trace.length - 1])).toBe(hashState(replay(engine, params, 77, events)))
  })

  it('shows a valid view after every event, with bounded series and log', () => {
    for (const state of frozenTrace(engine, params, 5, events)) {
      const view = simViewSchema.parse(engine.view(state))
      expect(view.log.length).toBeLessThanOrEqual(LOG_LIMIT)
      for (const series of view.series) expect(series.points.length).toBeLessThanOrEqual(SERIES_LIMIT)
      for (const edge of Object.keys(view.edges)) expect(edge).toMatch(/^[a-z0-9-]+->[a-z0-9-]+$/)
      for (const node of Object.keys(view.nodes)) expect(node).toMatch(/^[a-z0-9-]+$/)
    }
  })

  it('keeps every entity and edge of its first view, so scenario bindings never lose a node', () => {
    const trace = frozenTrace(engine, params, 5, events)
    const first = engine.view(trace[0])
    for (const state of trace) {
      const view = engine.view(state)
      expect(Object.keys(view.nodes)).toEqual(expect.arrayContaining(Object.keys(first.nodes)))
      expect(Object.keys(view.edges)).toEqual(expect.arrayContaining(Object.keys(first.edges)))
      expect(view.metrics.map((m) => m.id)).toEqual(first.metrics.map((m) => m.id))
    }
  })

  it('keeps its state JSON-clean, so a hash means the same thing everywhere', () => {
    const state = replay(engine, params, 9, events)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })

  it('is found in the registry under its own id', () => {
    expect(engine.id).toBe(id)
    expect(getEngine(id)).toBe(engine)
  })
})

describe.each(
  ENGINE_IDS.filter((id) => id !== 'hyperloglog').map((id) => [id, engines[id] as AnySimEngine] as const),
)('engine %s logical time', (id, engine) => {
  it('treats one tick of n steps exactly like n ticks of one step', () => {
    const { params, events } = prepare(engine, SCRIPTS[id].params, [
      ...SCRIPTS[id].events,
      { type: 'tick', steps: 25 },
    ])
    const oneBigTick = replay(engine, params, 31, events)
    const single = engine.events.parse({ type: 'tick', steps: 1 })
    const manySmallTicks = replay(engine, params, 31, [...events.slice(0, -1), ...Array(25).fill(single)])
    expect(hashState(manySmallTicks)).toBe(hashState(oneBigTick))
  })
})

describe('replaying untrusted JSON', () => {
  it('gives the same state and hash as a typed replay', () => {
    const result = replayUntrusted('canary', SCRIPTS.canary.params, 8, SCRIPTS.canary.events)
    const { params, events } = prepare(engines.canary, SCRIPTS.canary.params, SCRIPTS.canary.events)
    expect(result.ok && result.hash).toBe(hashState(replay(engines.canary, params, 8, events)))
  })

  it('refuses unknown engines, bad seeds, bad params and bad events with a code', () => {
    expect(replayUntrusted('tarot', {}, 1, [])).toMatchObject({ ok: false, code: 'unknown_engine' })
    expect(replayUntrusted('toString', {}, 1, [])).toMatchObject({ ok: false, code: 'unknown_engine' })
    expect(replayUntrusted('cells', {}, -1, [])).toMatchObject({ ok: false, code: 'bad_seed' })
    expect(replayUntrusted('cells', { cells: 4, shuffleShardSize: 5 }, 1, [])).toMatchObject({
      ok: false,
      code: 'bad_params',
    })
    const badEvent = replayUntrusted('cells', {}, 1, [
      { type: 'tick' },
      { type: 'fail-cell', cell: 'cell-two' },
    ])
    expect(badEvent).toMatchObject({ ok: false, code: 'bad_event', index: 1 })
    expect(replayUntrusted('cells', {}, 1, [{ type: 'explode' }])).toMatchObject({
      ok: false,
      code: 'bad_event',
      index: 0,
    })
  })
})
