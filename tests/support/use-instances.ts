import { afterAll, beforeAll } from 'vitest'
import type { ServerConfig } from '../../server/config'
import { freshSchema, TEST_DATABASE_URL } from './postgres'
import { joinSession, type SessionClient } from './session-client'
import { startTcpProxy, type TcpProxy } from './tcp-proxy'
import { startTestServer, type TestServer } from './test-server'
import { type BoardClient, syncedBoardClient } from './yjs-client'

/** The machine's Redis (CI starts it). */
export const TEST_REDIS_URL = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')

/** Several Lockstep instances in this process sharing one PostgreSQL schema and Redis. */
export interface InstancesFixture {
  /** Instance `index` (0 is A, 1 is B, …). */
  on(index: number): TestServer
  /** The relay between instance `index` and Redis: cut it and Redis is gone for that instance alone. */
  redisRelay(index: number): TcpProxy
  /** The PostgreSQL schema they share (for one more instance, e.g. a child process). */
  readonly schema: string
  /** A socket.io participant connected to instance `index`, closed after the suite. */
  session(
    index: number,
    boardId: string,
    token: string,
    name?: string,
    identity?: string,
  ): Promise<SessionClient>
  /** A synced Yjs client connected to instance `index`, destroyed after the suite. */
  client(index: number, boardId: string, token: string, identity?: string): Promise<BoardClient>
}

/**
 * Starts `count` instances before the suite (each reaching Redis through its own cuttable relay,
 * all on a fresh PostgreSQL schema) and stops them, their clients and the schema after it.
 */
export function useInstances(count = 2, overrides: Partial<ServerConfig> = {}): InstancesFixture {
  const servers: TestServer[] = []
  const relays: TcpProxy[] = []
  const sessions: SessionClient[] = []
  const clients: BoardClient[] = []
  let fresh: Awaited<ReturnType<typeof freshSchema>> | undefined

  beforeAll(async () => {
    fresh = await freshSchema()
    for (let i = 0; i < count; i++) {
      const relay = await startTcpProxy(TEST_REDIS_URL.hostname, Number(TEST_REDIS_URL.port || 6379))
      relays.push(relay)
      servers.push(
        await startTestServer({
          databaseUrl: TEST_DATABASE_URL,
          databaseSchema: fresh.schema,
          redisUrl: `redis://127.0.0.1:${relay.port}`,
          ...overrides,
        }),
      )
    }
  }, 120_000)

  afterAll(async () => {
    for (const s of sessions.splice(0)) s.close()
    for (const c of clients.splice(0)) c.destroy()
    for (const server of servers.splice(0)) await server.close()
    for (const relay of relays.splice(0)) await relay.close()
    await fresh?.drop()
  }, 60_000)

  const at = <T>(list: T[], index: number): T => {
    const item = list[index]
    if (item === undefined) throw new Error(`no instance ${index} (they run inside the suite only)`)
    return item
  }
  return {
    on: (index) => at(servers, index),
    redisRelay: (index) => at(relays, index),
    get schema() {
      if (!fresh) throw new Error('the schema exists inside the suite only')
      return fresh.schema
    },
    async session(index, boardId, token, name, identity) {
      const session = await joinSession(at(servers, index).url, boardId, token, name, identity)
      sessions.push(session)
      return session
    },
    async client(index, boardId, token, identity) {
      const client = await syncedBoardClient(at(servers, index).url, boardId, token, identity)
      clients.push(client)
      return client
    },
  }
}
