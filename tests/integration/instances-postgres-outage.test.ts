import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectThroughBalancer } from '../support/balanced-clients'
import { type Instances, startInstances } from '../support/instances'
import { createTestBoard } from '../support/test-server'
import { sleep, waitUntil } from '../support/wait'
import { type BoardClient, shapeCount, shapeRecord } from '../support/yjs-client'

/** How long PostgreSQL stays out of reach: the fault itself, not a wait for something to settle. */
const OUTAGE_MS = 10_000

const told = (client: BoardClient, kind: 'saving-paused' | 'saving-resumed') =>
  client.notices.some((notice) => notice.kind === kind)

describe('three instances behind the balancer, PostgreSQL out of reach', { timeout: 180_000 }, () => {
  let instances: Instances
  beforeAll(async () => {
    instances = await startInstances(3)
  }, 180_000)
  afterAll(() => instances?.close(), 60_000)

  it('pauses saving everywhere, relays nothing unstored, keeps serving, and resumes editing when it returns', async () => {
    const board = await createTestBoard(instances.url)
    const spread = await connectThroughBalancer(instances, board.id, board.tokens.editor, 6)
    try {
      const pairs = instances.list.map((instance) => spread.on(instance))
      expect(pairs.map((pair) => pair.length)).toEqual([2, 2, 2])
      const everyone = spread.all
      everyone[0]?.records.set('shape:before', shapeRecord('shape:before'))
      await waitUntil(() => everyone.every((client) => client.records.has('shape:before')), 'an edit before')

      for (const instance of instances.list) instance.postgres.cut()
      // every writer keeps drawing through the outage; none of it can be stored
      const held: string[] = []
      const ends = Date.now() + OUTAGE_MS
      for (let round = 0; Date.now() < ends; round++) {
        pairs.forEach(([writer], i) => {
          const id = `shape:i${i}-${round}`
          writer?.records.set(id, shapeRecord(id, i * 200, round * 10))
          held.push(id)
        })
        if (round === 0) {
          await waitUntil(
            () => everyone.every((client) => told(client, 'saving-paused')),
            'everyone, on every instance, to be told saving is paused',
            30_000,
          )
        }
        await sleep(250) // edits spread over the outage, as people keep drawing
      }
      const health = await fetch(`${instances.url}/healthz`)
      expect(health.status).toBe(200)
      expect(instances.list.map(({ process }) => process.child.exitCode ?? process.child.signalCode)).toEqual(
        [null, null, null],
      )
      // nothing unstored reached anyone: each client holds its own held edits only, none of its peers'
      everyone.forEach((client) => {
        const own = pairs.findIndex(([writer]) => writer === client)
        const fromOthers = held.filter((id) => !id.startsWith(`shape:i${own}-`) && client.records.has(id))
        expect(fromOthers).toEqual([])
      })
      expect(held.filter((id) => pairs.some(([writer]) => writer?.records.has(id)))).toEqual(held)

      for (const instance of instances.list) instance.postgres.restore()
      await waitUntil(
        () => everyone.every((client) => told(client, 'saving-resumed')),
        'everyone to be told saving resumed',
        30_000,
      )
      await waitUntil(
        () => everyone.every((client) => held.every((id) => client.records.has(id))),
        'every held edit to reach everyone once it is stored',
        30_000,
      )
      const stored = await instances.stored(board.id)
      expect(held.filter((id) => !stored.has(id))).toEqual([])
      expect(shapeCount(stored)).toBe(held.length + 1)
      expect(spread.dropped()).toEqual([])

      // editing goes on as before
      everyone[5]?.records.set('shape:after', shapeRecord('shape:after'))
      await waitUntil(() => everyone.every((client) => client.records.has('shape:after')), 'an edit after')
    } finally {
      spread.destroy()
    }
  })
})
