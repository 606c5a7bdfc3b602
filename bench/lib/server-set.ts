import pg from 'pg'
import { startBalancer } from '../../tests/support/balancer'
import { freshSchema, TEST_DATABASE_URL } from '../../tests/support/postgres'
import type { FanoutTarget } from '../scenarios/fanout-latency'
import { HOCUSPOCUS_TABLE, HOCUSPOCUS_UPDATES_TABLE } from '../servers/control'
import type { BoardRef } from './board-client'
import {
  type BenchServer,
  createLockstepBoard,
  launchServer,
  peerConnector,
  referenceBoard,
} from './server-process'

/** The servers bench/scale.ts compares: ours, or Hocuspocus 4 with its Redis extension. */
export type SetKind = 'lockstep' | 'hocuspocus'

export interface ServerSetOptions {
  kind: SetKind
  /** Instances behind the balancer; more than one connects them through Redis. */
  instances: number
  redisUrl: string
  /** Environment for every instance, on top of what the set needs. */
  env?: Record<string, string>
  /** How long one instance may take to listen (several starting at once on a busy machine are slow). */
  startTimeoutMs?: number
}

/**
 * Instances of one server sharing a fresh PostgreSQL schema (and Redis, when there are several),
 * behind HAProxy with deploy/haproxy.cfg. Clients and boards go through the balancer; CPU is the
 * sum over the instances.
 */
export interface ServerSet extends FanoutTarget {
  kind: SetKind
  instances: BenchServer[]
  rssPerInstance(): Promise<number[]>
  stop(): Promise<void>
}

/** Starts `instances` servers of `kind` on a fresh schema, then the balancer in front of them. */
export async function launchServerSet(options: ServerSetOptions): Promise<ServerSet> {
  const schema = await freshSchema()
  const instances: BenchServer[] = []
  let closeBalancer = async () => {}
  const stop = async () => {
    await closeBalancer()
    await Promise.all(instances.map((server) => server.stop()))
    await schema.drop()
  }
  try {
    if (options.kind === 'hocuspocus') await createHocuspocusTable(schema.schema)
    const env: Record<string, string | undefined> = {
      ...options.env,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema.schema,
      // one instance runs as operators run one: without a bus
      REDIS_URL: options.instances > 1 ? options.redisUrl : undefined,
      HOCUSPOCUS_REDIS_PREFIX: `hocuspocus-bench-${schema.schema}`,
    }
    const launched = await Promise.allSettled(
      Array.from({ length: options.instances }, () =>
        launchServer(options.kind, env, options.startTimeoutMs),
      ),
    )
    for (const result of launched) if (result.status === 'fulfilled') instances.push(result.value)
    const failed = launched.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const balancer = await startBalancer(
      instances.map((server) => ({ host: '127.0.0.1', port: Number(new URL(server.httpBase).port) })),
    )
    closeBalancer = balancer.close
    const wsBase =
      options.kind === 'lockstep' ? `ws://127.0.0.1:${balancer.port}/yjs` : `ws://127.0.0.1:${balancer.port}`
    const connect = peerConnector(options.kind)
    return {
      kind: options.kind,
      instances,
      createBoard:
        options.kind === 'lockstep' ? () => createLockstepBoard(balancer.url) : async () => referenceBoard(),
      connect: (board: BoardRef) => connect(wsBase, board),
      cpuMs: async () =>
        (await Promise.all(instances.map((server) => server.cpuMs()))).reduce((a, b) => a + b, 0),
      rssPerInstance: async () =>
        (await Promise.all(instances.map((server) => server.memory()))).map((m) => m.rss),
      stop,
    }
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}

/** Hocuspocus's tables, made before its instances start so they do not race to make them. */
async function createHocuspocusTable(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    await client.query(
      `CREATE TABLE ${schema}.${HOCUSPOCUS_TABLE} (name text PRIMARY KEY, data bytea NOT NULL)`,
    )
    await client.query(
      `CREATE TABLE ${schema}.${HOCUSPOCUS_UPDATES_TABLE} (id bigserial PRIMARY KEY, name text NOT NULL, data bytea NOT NULL)`,
    )
    await client.query(`CREATE INDEX ON ${schema}.${HOCUSPOCUS_UPDATES_TABLE} (name, id)`)
  } finally {
    await client.end()
  }
}
