import { z } from 'zod'
import type { NodeKind } from '../templates/template-schema'

/** What a box on a drawn diagram is, for the simulation (issue 15 §1). */
export const componentKindSchema = z.enum([
  'client',
  'cdn',
  'load-balancer',
  'gateway',
  'service',
  'cache',
  'database',
  'replica',
  'queue',
  'worker',
  'stream',
  'object-store',
  'model-endpoint',
  'external-api',
])
export type ComponentKind = z.infer<typeof componentKindSchema>

/** How a call moves: the caller waits for a sync answer; an async hand-off is fire-and-forget. */
export const callModeSchema = z.enum(['sync', 'async'])
export type CallMode = z.infer<typeof callModeSchema>

/**
 * A box's properties, every one set: what the engine runs with. Times in ms, rates per second,
 * cost in dollars per replica-hour.
 */
export const componentPropsSchema = z
  .object({
    replicas: z.number().int().min(1).max(64),
    /** Requests one replica finishes per second (its service time is exponential with mean 1/this). */
    capacityPerReplica: z.number().min(0.01).max(1_000_000),
    /** Time added to every answer that holds no replica (network, disk seek, think time). */
    baseLatencyMs: z.number().min(0).max(60_000),
    /** How long this box waits for each call it makes; null: no timeout of its own. */
    timeoutMs: z.number().min(1).max(60_000).nullable(),
    /** Attempts after a failed or timed-out call (attempts = 1 + retries). */
    retries: z.number().int().min(0).max(10),
    /** Wait before retry k: backoffMs · 2^(k−1). */
    backoffMs: z.number().min(0).max(60_000),
    /** Requests that may wait for a free replica; one more is refused at once. */
    queueLimit: z.number().int().min(0).max(1_000_000),
    /** Caches and CDNs: share of lookups answered without calling onwards. */
    cacheHitRatio: z.number().min(0).max(1),
    /** Chance that one request fails at this box. */
    failureProbability: z.number().min(0).max(1),
    costPerHour: z.number().min(0).max(10_000),
    /** Traffic sources: requests sent per second (a Poisson stream). */
    ratePerSecond: z.number().min(0).max(5_000),
  })
  .strict()
export type ComponentProps = z.infer<typeof componentPropsSchema>

/** What a shape's `meta.props` may hold: any subset; the kind's defaults fill the rest. */
export const componentPropsPatchSchema = componentPropsSchema.partial()
export type ComponentPropsPatch = z.infer<typeof componentPropsPatchSchema>

const BASE: ComponentProps = {
  replicas: 1,
  capacityPerReplica: 100,
  baseLatencyMs: 5,
  timeoutMs: 1_000,
  retries: 0,
  backoffMs: 50,
  queueLimit: 100,
  cacheHitRatio: 0,
  failureProbability: 0,
  costPerHour: 0.1,
  ratePerSecond: 0,
}

const kind = (patch: ComponentPropsPatch): ComponentProps => ({ ...BASE, ...patch })

/**
 * Sensible defaults per kind (one table). None of them trips a design hint by itself except the
 * lessons meant to show: one database or cache replica is a single instance on the critical path.
 */
export const COMPONENT_DEFAULTS: Readonly<Record<ComponentKind, ComponentProps>> = {
  client: kind({
    capacityPerReplica: 1_000_000,
    baseLatencyMs: 0,
    timeoutMs: 10_000,
    queueLimit: 0,
    costPerHour: 0,
    ratePerSecond: 100,
  }),
  cdn: kind({
    replicas: 4,
    capacityPerReplica: 50_000,
    baseLatencyMs: 5,
    timeoutMs: 5_000,
    queueLimit: 10_000,
    cacheHitRatio: 0.8,
    costPerHour: 0.5,
  }),
  'load-balancer': kind({
    replicas: 2,
    capacityPerReplica: 20_000,
    baseLatencyMs: 1,
    timeoutMs: 5_000,
    queueLimit: 10_000,
    costPerHour: 0.03,
  }),
  gateway: kind({
    replicas: 2,
    capacityPerReplica: 5_000,
    baseLatencyMs: 2,
    timeoutMs: 3_000,
    queueLimit: 1_000,
    costPerHour: 0.2,
  }),
  service: kind({
    replicas: 2,
    capacityPerReplica: 200,
    baseLatencyMs: 10,
    timeoutMs: 1_000,
    retries: 1,
    backoffMs: 50,
    queueLimit: 200,
    failureProbability: 0.001,
    costPerHour: 0.1,
  }),
  cache: kind({
    replicas: 1,
    capacityPerReplica: 10_000,
    baseLatencyMs: 1,
    timeoutMs: 200,
    queueLimit: 1_000,
    cacheHitRatio: 0.8,
    costPerHour: 0.15,
  }),
  database: kind({
    replicas: 1,
    capacityPerReplica: 500,
    baseLatencyMs: 5,
    timeoutMs: 2_000,
    queueLimit: 100,
    failureProbability: 0.0005,
    costPerHour: 0.5,
  }),
  replica: kind({
    replicas: 1,
    capacityPerReplica: 500,
    baseLatencyMs: 5,
    timeoutMs: 2_000,
    queueLimit: 100,
    costPerHour: 0.5,
  }),
  queue: kind({
    replicas: 1,
    capacityPerReplica: 5_000,
    baseLatencyMs: 2,
    queueLimit: 100_000,
    costPerHour: 0.05,
  }),
  worker: kind({
    replicas: 2,
    capacityPerReplica: 50,
    baseLatencyMs: 20,
    timeoutMs: 5_000,
    retries: 2,
    backoffMs: 200,
    queueLimit: 10_000,
    costPerHour: 0.1,
  }),
  stream: kind({
    replicas: 3,
    capacityPerReplica: 10_000,
    baseLatencyMs: 5,
    queueLimit: 100_000,
    costPerHour: 0.3,
  }),
  'object-store': kind({
    replicas: 1,
    capacityPerReplica: 3_000,
    baseLatencyMs: 30,
    queueLimit: 10_000,
    costPerHour: 0.02,
  }),
  'model-endpoint': kind({
    replicas: 1,
    capacityPerReplica: 5,
    baseLatencyMs: 400,
    timeoutMs: 30_000,
    queueLimit: 50,
    costPerHour: 4,
  }),
  'external-api': kind({
    replicas: 1,
    capacityPerReplica: 1_000,
    baseLatencyMs: 120,
    timeoutMs: 5_000,
    queueLimit: 1_000,
    failureProbability: 0.005,
    costPerHour: 0,
  }),
}

/** A box's properties: its kind's defaults with its own settings on top. */
export function effectiveProps(kindId: ComponentKind, patch: ComponentPropsPatch = {}): ComponentProps {
  const merged: ComponentProps = { ...COMPONENT_DEFAULTS[kindId] }
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value
  }
  return merged
}

/**
 * Kinds that send each request down ONE of their outgoing calls, picked by share (a balancer, a
 * gateway's routes, a queue's competing consumers, a client's endpoints). Every other kind makes
 * each of its calls, each with probability = its share (1 by default).
 */
export const ROUTING_KINDS: ReadonlySet<ComponentKind> = new Set([
  'client',
  'load-balancer',
  'gateway',
  'queue',
])

/** Kinds that answer a hit themselves and call onwards only on a miss (read-through). */
export const CACHING_KINDS: ReadonlySet<ComponentKind> = new Set(['cache', 'cdn'])

/** Kinds whose outgoing calls are always hand-offs: consumers pull from them. */
export const BUFFER_KINDS: ReadonlySet<ComponentKind> = new Set(['queue', 'stream'])

/** The component kind a template node kind plays, so every template can run freely. */
export const TEMPLATE_KIND_COMPONENT: Readonly<Record<NodeKind, ComponentKind>> = {
  client: 'client',
  'edge-router': 'cdn',
  router: 'load-balancer',
  gateway: 'gateway',
  'load-balancer': 'load-balancer',
  service: 'service',
  worker: 'worker',
  function: 'worker',
  queue: 'queue',
  log: 'stream',
  'stream-processor': 'worker',
  database: 'database',
  cache: 'cache',
  'object-store': 'object-store',
  warehouse: 'database',
  'control-plane': 'service',
  model: 'model-endpoint',
  agent: 'service',
  tool: 'external-api',
  'vector-store': 'database',
  monitor: 'service',
  scheduler: 'worker',
  external: 'external-api',
}

/** Template edge kinds as calls: requests wait, everything else is handed off; control is no traffic. */
export const TEMPLATE_EDGE_MODE: Readonly<Record<string, CallMode | null>> = {
  sync: 'sync',
  async: 'async',
  stream: 'async',
  batch: 'async',
  replication: 'async',
  control: null,
}
