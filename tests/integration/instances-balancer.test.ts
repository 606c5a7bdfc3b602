import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectThroughBalancer } from '../support/balanced-clients'
import { type Instances, startInstances } from '../support/instances'
import { createTestBoard } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, shapeCount, shapeRecord } from '../support/yjs-client'

const CLIENTS = 20
/** Edits from every client every client holds before the kill: the play is well under way. */
const ROUNDS_BEFORE_KILL = 5
/** A bound, not a speed check: a sync is answered once the edits before it are stored, and under load that queue is long. */
const SYNC_BOUND_MS = 90_000

/** Shape ids name their author: `shape:c7-12` is client 7's twelfth edit. */
const shapeId = (client: number, edit: number) => `shape:c${client}-${edit}`
const authorOf = (id: string) => Number(/^shape:c(\d+)-/.exec(id)?.[1])

/** Three instances (PostgreSQL + Redis) behind HAProxy running deploy/haproxy.cfg, as compose runs them. */
describe('three instances behind the balancer', { timeout: 180_000 }, () => {
  let instances: Instances
  beforeAll(async () => {
    instances = await startInstances(3)
  }, 180_000)
  afterAll(() => instances?.close(), 60_000)

  it('keeps every edit any peer had received when the instance holding most clients is killed with SIGKILL, and its clients reconnect through the balancer and converge', async () => {
    const board = await createTestBoard(instances.url)
    const spread = await connectThroughBalancer(instances, board.id, board.tokens.editor, CLIENTS)
    const clients = spread.all
    try {
      // leastconn spreads twenty clients over the three instances
      const loads = instances.list.map((instance) => spread.on(instance).length)
      expect(loads.every((load) => load >= 6)).toBe(true)
      const victim = instances.list.reduce((most, instance) =>
        spread.on(instance).length > spread.on(most).length ? instance : most,
      )
      const victims = spread.on(victim)

      // mid-play: every client adds a shape every 250 ms, as a quick drawer does
      const made = clients.map(() => 0)
      const edit = () =>
        clients.forEach((client, i) => {
          const id = shapeId(i, made[i] ?? 0)
          made[i] = (made[i] ?? 0) + 1
          client.records.set(id, shapeRecord(id, i * 40, (made[i] ?? 0) * 10))
        })
      const editing = setInterval(edit, 250)
      const fromEachAuthor = (client: BoardClient) => {
        const counts = clients.map(() => 0)
        for (const id of client.records.keys()) {
          const author = authorOf(id)
          if (id.startsWith('shape:c')) counts[author] = (counts[author] ?? 0) + 1
        }
        return counts
      }
      await waitUntil(
        () => clients.every((client) => fromEachAuthor(client).every((count) => count >= ROUNDS_BEFORE_KILL)),
        `every client to hold ${ROUNDS_BEFORE_KILL} edits from every client, across instances`,
        60_000,
      )

      // Its clients wait to reconnect until storage is counted, so what they re-send cannot fill a gap.
      for (const client of victims) client.provider.shouldConnect = false
      victim.process.child.kill('SIGKILL')
      expect(await victim.process.exited).toBe('SIGKILL')
      await waitUntil(() => victims.every((client) => !client.provider.wsconnected), 'its clients to notice')
      clearInterval(editing)

      // every edit some client holds that another client made: it reached that peer, so it was stored
      const received = new Set<string>()
      clients.forEach((client, i) => {
        for (const id of client.records.keys())
          if (id.startsWith('shape:c') && authorOf(id) !== i) received.add(id)
      })
      const stored = await instances.stored(board.id)
      const missing = [...received].filter((id) => !stored.has(id))
      expect(received.size).toBeGreaterThanOrEqual(CLIENTS * ROUNDS_BEFORE_KILL)
      expect(missing).toEqual([])

      // reconnecting through the balancer lands on the survivors; everyone converges on every edit made
      for (const client of victims) client.provider.connect()
      await waitUntil(
        () => victims.every((client) => client.provider.synced && client.instance() !== victim.name),
        'its clients to reconnect to the other instances',
        SYNC_BOUND_MS,
      )
      const total = made.reduce((sum, count) => sum + count, 0)
      await waitUntil(
        () => clients.every((client) => shapeCount(client.records) === total),
        `every client to hold all ${total} edits`,
        SYNC_BOUND_MS,
      )
      expect(shapeCount(await instances.stored(board.id))).toBe(total)
      // the clients on the surviving instances never lost their connection
      const indexes = (some: BoardClient[]) => some.map((client) => clients.indexOf(client))
      expect(indexes(spread.dropped())).toEqual(indexes(victims))
    } finally {
      spread.destroy()
    }
  })
})
