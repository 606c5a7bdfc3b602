import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { geoShape } from '../support/board-records'
import { freshSchema, TEST_DATABASE_URL } from '../support/postgres'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import { createTestBoard, startTestServer, type TestServer } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { syncedBoardClient } from '../support/yjs-client'

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')

/** Two instances on one PostgreSQL schema, each reaching Redis through its own cuttable relay. */
describe('two instances, one board (PostgreSQL + Redis)', () => {
  let drop: () => Promise<void>
  const proxies: TcpProxy[] = []
  const servers: TestServer[] = []

  beforeAll(async () => {
    const fresh = await freshSchema()
    drop = fresh.drop
    for (let i = 0; i < 2; i++) {
      const proxy = await startTcpProxy(REDIS.hostname, Number(REDIS.port || 6379))
      proxies.push(proxy)
      servers.push(
        await startTestServer({
          databaseUrl: TEST_DATABASE_URL,
          databaseSchema: fresh.schema,
          redisUrl: `redis://127.0.0.1:${proxy.port}`,
        }),
      )
    }
  }, 120_000)

  afterAll(async () => {
    for (const server of servers) await server.close()
    for (const proxy of proxies) await proxy.close()
    await drop()
  }, 60_000)

  const [a, b] = [0, 1]
  const on = (index: number) => {
    const server = servers[index]
    if (!server) throw new Error('no such instance')
    return server
  }

  it('shows edits and presence made on one instance to people on the other', async () => {
    const board = await createTestBoard(on(a).url)
    const ana = await syncedBoardClient(on(a).url, board.id, board.tokens.editor)
    const ben = await syncedBoardClient(on(b).url, board.id, board.tokens.editor)
    ana.records.set('shape:from-a', geoShape('shape:from-a'))
    ben.records.set('shape:from-b', geoShape('shape:from-b'))
    await waitUntil(
      () => ben.records.has('shape:from-a') && ana.records.has('shape:from-b'),
      'edits to cross',
    )

    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' })
    await waitUntil(
      () => [...ben.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ana'),
      "Ana's presence to reach Ben on the other instance",
    )
    ana.destroy()
    ben.destroy()
  })

  it('converges without a reload after instance B loses Redis for a while', async () => {
    const board = await createTestBoard(on(a).url)
    const ana = await syncedBoardClient(on(a).url, board.id, board.tokens.editor)
    const ben = await syncedBoardClient(on(b).url, board.id, board.tokens.editor)
    ana.records.set('shape:before', geoShape('shape:before'))
    await waitUntil(() => ben.records.has('shape:before'), 'an edit before the outage')

    proxies[b]?.cut()
    const during: string[] = []
    for (let i = 0; i < 10; i++) {
      const id = `shape:during-${i}`
      during.push(id)
      ana.records.set(id, geoShape(id, { x: i * 20 }))
    }
    await waitUntil(() => ana.records.has('shape:during-9'), 'the edits on A')
    await (await on(a).rooms.peek(board.id))?.flush() // stored (and published, to no one on B)
    expect(ben.records.has('shape:during-9')).toBe(false)

    proxies[b]?.restore()
    await waitUntil(
      () => during.every((id) => ben.records.has(id)),
      'Ben to converge once Redis is back',
      30_000,
    )
    ana.destroy()
    ben.destroy()
  })
})
