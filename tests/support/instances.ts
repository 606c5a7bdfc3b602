import { Redis } from 'ioredis'
import * as Y from 'yjs'
import { PostgresBoardStore } from '../../server/storage/postgres-store'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { type Balancer, startBalancer } from './balancer'
import { freshSchema, TEST_DATABASE_URL } from './postgres'
import { type ServerProcess, startServerProcess } from './server-process'
import { startTcpProxy, type TcpProxy } from './tcp-proxy'
import { removeDir, tempDataDir } from './test-server'

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')

/** One Lockstep server process, reaching PostgreSQL and Redis through relays a test can cut. */
export interface Instance {
  /** HAProxy's name for it, as `BoardClient.instance()` reports it. */
  name: string
  /** Its own address, bypassing the balancer. */
  url: string
  process: ServerProcess
  postgres: TcpProxy
  redis: TcpProxy
}

/** Several instances on one fresh PostgreSQL schema and the machine's Redis, behind deploy/haproxy.cfg. */
export interface Instances {
  /** The balancer's address: where clients connect. */
  url: string
  balancer: Balancer
  list: Instance[]
  /** The board's records as PostgreSQL holds them now (read directly, not through any instance). */
  stored(boardId: string): Promise<Y.Map<unknown>>
  /** How many instances Redis itself sees listening for the board (its pub/sub subscribers). */
  listening(boardId: string): Promise<number>
  /** Stops the balancer and every live process (SIGTERM: each flushes), then drops the schema. */
  close(): Promise<void>
}

/** Starts `count` server processes (in parallel) and the balancer in front of them. */
export async function startInstances(count = 3, env: NodeJS.ProcessEnv = {}): Promise<Instances> {
  const { schema, drop } = await freshSchema()
  const dataDir = tempDataDir('lockstep-instances')
  const postgresTarget = new URL(TEST_DATABASE_URL)
  const relays: { postgres: TcpProxy; redis: TcpProxy }[] = []
  for (let i = 0; i < count; i++) {
    relays.push({
      postgres: await startTcpProxy(postgresTarget.hostname, Number(postgresTarget.port || 5432)),
      redis: await startTcpProxy(REDIS.hostname, Number(REDIS.port || 6379)),
    })
  }
  const started = await Promise.allSettled(
    relays.map(async ({ postgres, redis }) => {
      const databaseUrl = new URL(TEST_DATABASE_URL)
      databaseUrl.port = String(postgres.port)
      const server = await startServerProcess(dataDir, {
        DATABASE_URL: databaseUrl.toString(),
        DATABASE_SCHEMA: schema,
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        // the faults these tests cause are expected: their warnings would drown a real failure
        LOG_LEVEL: 'error',
        ...env,
      })
      return { url: server.url, process: server, postgres, redis }
    }),
  )
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  let balancer: Balancer | undefined
  let store: PostgresBoardStore | undefined
  let redis: Redis | undefined

  const close = async () => {
    await balancer?.close()
    await Promise.all(
      running.map(async ({ process: server }) => {
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM')
        // a bound, so a flush that hangs (a failing test) never leaves a server behind
        const hung = setTimeout(() => server.child.kill('SIGKILL'), 20_000)
        await server.exited
        clearTimeout(hung)
      }),
    )
    for (const relay of relays) {
      await relay.postgres.close()
      await relay.redis.close()
    }
    await store?.close()
    redis?.disconnect()
    await drop()
    removeDir(dataDir)
  }

  const failed = started.find((result) => result.status === 'rejected')
  if (failed) {
    await close()
    throw failed.reason
  }
  try {
    balancer = await startBalancer(
      running.map(({ url }) => ({ host: '127.0.0.1', port: Number(new URL(url).port) })),
    )
  } catch (error) {
    await close()
    throw error
  }
  const names = balancer.names
  const list: Instance[] = running.map((instance, i) => ({ ...instance, name: names[i] ?? `#${i}` }))
  return {
    url: balancer.url,
    balancer,
    list,
    async stored(boardId) {
      store ??= await PostgresBoardStore.open(TEST_DATABASE_URL, { schema, poolSize: 1 })
      const doc = new Y.Doc()
      Y.applyUpdate(doc, (await store.loadDocument(boardId)) ?? new Uint8Array())
      return doc.getMap(BOARD_DOC.recordsMap)
    },
    async listening(boardId) {
      redis ??= new Redis(REDIS.toString())
      // the bus's channel name is its own business: any channel naming the board counts
      const channels = (await redis.call('PUBSUB', 'CHANNELS', `*${boardId}*`)) as string[]
      if (channels.length === 0) return 0
      const counts = (await redis.call('PUBSUB', 'NUMSUB', ...channels)) as (string | number)[]
      return counts.filter((_, i) => i % 2 === 1).reduce<number>((sum, count) => sum + Number(count), 0)
    },
    close,
  }
}
