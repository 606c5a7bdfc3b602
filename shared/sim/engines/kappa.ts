import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import {
  type ConsumerGroup,
  commit,
  consume,
  createGroup,
  lagOf,
  type Partition,
  skipDeletedOffsets,
  wrongOutputs,
} from './kappa/consumer-group'
import { kappaView } from './kappa/view'

export const kappaParamsSchema = z
  .object({
    partitions: z.number().int().min(1).max(32).default(4),
    /** Records producers append per tick, spread over partitions by key. */
    produceRate: z.number().int().min(0).max(10_000).default(40),
    /** Offsets retention keeps per partition (Kafka's size-based retention, counted in records); null keeps all. */
    retention: z.number().int().min(1).nullable().default(null),
    /** Records a live processor reads per partition per tick. */
    consumeRate: z.number().int().min(1).max(10_000).default(20),
    /** Records a replaying processor reads per partition per tick (catch-up runs faster). */
    replayRate: z.number().int().min(1).max(100_000).default(60),
    /** Ticks between offset commits. */
    commitInterval: z.number().int().min(1).max(1_000).default(5),
    /** Records the brokers can serve per partition per tick to all groups together; null: unlimited. */
    brokerReadRate: z.number().int().min(1).max(100_000).nullable().default(null),
  })
  .strict()
export type KappaParams = z.infer<typeof kappaParamsSchema>

const groupNameSchema = z.enum(['v1', 'v2'])

export const kappaEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** v1 starts computing wrong output from its current offsets. */
  z.object({ type: z.literal('ship-bug') }).strict(),
  /** Someone notices v1's output is wrong. */
  z.object({ type: z.literal('bug-found') }).strict(),
  /** v2 starts as a new consumer group at offset 0 (or wherever retention left the log start), replaying fast. */
  z.object({ type: z.literal('deploy-v2') }).strict(),
  /** Readers move from v1's serving store to v2's. */
  z.object({ type: z.literal('switch-reads') }).strict(),
  /** v1 stops; its serving store is left for deletion. */
  z.object({ type: z.literal('retire-v1') }).strict(),
  /** A processor crashes and restarts from its last committed offsets (at-least-once). */
  z.object({ type: z.literal('crash'), group: groupNameSchema }).strict(),
  /** The brokers' read bandwidth changes (records per partition per tick for all groups; null: unlimited). */
  z
    .object({
      type: z.literal('set-broker-bandwidth'),
      recordsPerPartition: z.number().int().min(1).max(100_000).nullable(),
    })
    .strict(),
  /** A quota on the replay: v2 reads at most this many records per partition per tick while catching up. */
  z.object({ type: z.literal('throttle-replay'), rate: z.number().int().min(1).max(100_000) }).strict(),
  /** Change retention (offsets kept per partition; null keeps all); the log is trimmed at once. */
  z.object({ type: z.literal('set-retention'), offsets: z.number().int().min(1).nullable() }).strict(),
])
export type KappaEvent = z.infer<typeof kappaEventSchema>

export interface KappaState {
  params: KappaParams
  seed: number
  tick: number
  retention: number | null
  brokerReadRate: number | null
  replayRate: number
  partitions: Partition[]
  v1: ConsumerGroup | null
  v2: ConsumerGroup | null
  bugFound: boolean
  readsFrom: 'v1' | 'v2'
  lastTick: { produced: number; read: { v1: number; v2: number } }
  history: { lagV1: number[]; lagV2: number[] }
  log: string[]
}

const RESTART_TICKS = 2

export const kappaEngine: SimEngine<KappaParams, KappaState, KappaEvent> = {
  id: 'kappa',
  params: kappaParamsSchema,
  events: kappaEventSchema,

  init(params, seed) {
    const start = Array.from({ length: params.partitions }, () => 0)
    return {
      params,
      seed,
      tick: 0,
      retention: params.retention,
      brokerReadRate: params.brokerReadRate,
      replayRate: params.replayRate,
      partitions: start.map(() => ({ head: 0, logStart: 0 })),
      v1: createGroup('v1', start, 'live'),
      v2: null,
      bugFound: false,
      readsFrom: 'v1',
      lastTick: { produced: 0, read: { v1: 0, v2: 0 } },
      history: { lagV1: [], lagV2: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'ship-bug':
          if (next.v1) {
            next.v1.buggyFrom = [...next.v1.position]
            log(`v1 ships a bug: output wrong from offsets [${next.v1.position.join(', ')}]`)
          }
          return next
        case 'bug-found':
          next.bugFound = true
          log(`bug found: ${next.v1 ? wrongOutputs(next.v1) : 0} wrong results already served`)
          return next
        case 'deploy-v2': {
          if (next.v2) {
            log('ignored: v2 is already running')
            return next
          }
          const v2 = createGroup(
            'v2',
            next.partitions.map(() => 0),
            'replaying',
          )
          skipDeletedOffsets(v2, next.partitions)
          next.v2 = v2
          log(
            v2.lost > 0
              ? `v2 deployed, replaying from log start: ${v2.lost} offsets already deleted by retention`
              : 'v2 deployed as a new consumer group, replaying from offset 0',
          )
          return next
        }
        case 'switch-reads': {
          if (!next.v2) {
            log('ignored: there is no v2 to read from')
            return next
          }
          next.readsFrom = 'v2'
          const lag = lagOf(next.v2, next.partitions)
          log(lag > 0 ? `readers switched to v2 while it is ${lag} records behind` : 'readers switched to v2')
          return next
        }
        case 'retire-v1':
          next.v1 = null
          if (next.readsFrom === 'v1' && next.v2) next.readsFrom = 'v2'
          log('v1 retired')
          return next
        case 'crash': {
          const group = next[event.group]
          if (!group) {
            log(`ignored: ${event.group} is not running`)
            return next
          }
          const replay = group.position.reduce(
            (total, position, p) => total + position - (group.committed[p] ?? 0),
            0,
          )
          group.position = [...group.committed]
          group.restartedUntil = next.tick + RESTART_TICKS
          log(
            `${event.group} crashed: restarts from committed offsets, ${replay} records will be processed twice`,
          )
          return next
        }
        case 'set-broker-bandwidth':
          next.brokerReadRate = event.recordsPerPartition
          log(
            event.recordsPerPartition === null
              ? 'broker read bandwidth: unlimited'
              : `brokers serve ${event.recordsPerPartition} records per partition per tick, shared by every group`,
          )
          return next
        case 'throttle-replay':
          next.replayRate = event.rate
          log(`replay quota: ${event.rate} records per partition per tick`)
          return next
        case 'set-retention':
          next.retention = event.offsets
          applyRetention(next)
          log(
            event.offsets === null
              ? 'retention: keep everything'
              : `retention: keep ${event.offsets} offsets per partition`,
          )
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: kappaView,
}

/** Retention deletes the oldest offsets beyond the limit (in place). */
function applyRetention(state: KappaState): void {
  const { retention } = state
  if (retention === null) return
  for (const partition of state.partitions)
    partition.logStart = Math.max(partition.logStart, partition.head - retention)
}

/**
 * Per group and partition, the records the brokers serve this tick: what each group asks for (its
 * rate, at most up to the head), scaled down in proportion when the asks exceed the brokers' read
 * bandwidth. A replay reading at full speed therefore takes bandwidth from the live group.
 */
function brokerGrants(state: KappaState, groups: readonly ConsumerGroup[]): number[][] {
  const { params } = state
  return transpose(
    state.partitions.map((partition, p) => {
      const asks = groups.map((group) => {
        skipDeletedOffsets(group, state.partitions)
        const rate = group.mode === 'replaying' ? state.replayRate : params.consumeRate
        return Math.max(0, Math.min(rate, partition.head - (group.position[p] ?? 0)))
      })
      const asked = asks.reduce((sum, ask) => sum + ask, 0)
      const bandwidth = state.brokerReadRate
      if (bandwidth === null || asked <= bandwidth) return asks
      return asks.map((ask) => Math.floor((bandwidth * ask) / asked))
    }),
    groups.length,
  )
}

/** Rows of per-partition grants turned into one list per group. */
function transpose(perPartition: readonly number[][], groups: number): number[][] {
  return Array.from({ length: groups }, (_, g) => perPartition.map((grants) => grants[g] ?? 0))
}

/** One tick: producers append by key, retention trims, each processor reads, commits land on schedule (in place). */
function advanceOneTick(state: KappaState, log: (line: string) => void): void {
  const tick = state.tick + 1
  state.tick = tick
  const { params } = state
  const random = randomStream(state.seed, 'produce', tick)
  for (let record = 0; record < params.produceRate; record++) {
    const partition = state.partitions[random.below(params.partitions)]
    if (partition) partition.head++
  }
  applyRetention(state)

  const read = { v1: 0, v2: 0 }
  const groups = [state.v1, state.v2].filter((group): group is ConsumerGroup => group !== null)
  const grants = brokerGrants(state, groups)
  groups.forEach((group, g) => {
    const before = group.processed
    consume(group, state.partitions, grants[g] ?? [])
    read[group.name] = group.processed - before
    if (
      group.mode === 'replaying' &&
      lagOf(group, state.partitions) <= params.consumeRate * params.partitions
    ) {
      group.mode = 'live'
      log(`${group.name} caught up with the head`)
    }
    if (tick % params.commitInterval === 0) commit(group)
  })
  state.lastTick = { produced: params.produceRate, read }
  state.history.lagV1 = appendPoint(state.history.lagV1, state.v1 ? lagOf(state.v1, state.partitions) : 0)
  state.history.lagV2 = appendPoint(state.history.lagV2, state.v2 ? lagOf(state.v2, state.partitions) : 0)
}
