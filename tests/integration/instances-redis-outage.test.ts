import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectThroughBalancer } from '../support/balanced-clients'
import { type Instances, startInstances } from '../support/instances'
import { createTestBoard } from '../support/test-server'
import { sleep, waitUntil } from '../support/wait'
import { shapeCount, shapeRecord } from '../support/yjs-client'

/** How long Redis stays out of reach: the fault itself, not a wait for something to settle. */
const OUTAGE_MS = 10_000

describe('three instances behind the balancer, Redis out of reach', { timeout: 180_000 }, () => {
  let instances: Instances
  beforeAll(async () => {
    instances = await startInstances(3)
  }, 180_000)
  afterAll(() => instances?.close(), 60_000)

  it('stores every acknowledged edit while Redis is away, and converges without anyone reconnecting when it returns', async () => {
    const board = await createTestBoard(instances.url)
    const spread = await connectThroughBalancer(instances, board.id, board.tokens.editor, 6)
    try {
      // on each instance a writer and a witness: the witness holding an edit means it was stored
      const pairs = instances.list.map((instance) => spread.on(instance))
      expect(pairs.map((pair) => pair.length)).toEqual([2, 2, 2])
      const everyone = spread.all
      everyone[0]?.records.set('shape:before', shapeRecord('shape:before'))
      await waitUntil(() => everyone.every((client) => client.records.has('shape:before')), 'an edit before')
      await waitUntil(
        async () => (await instances.listening(board.id)) === 3,
        'all three instances on the bus',
      )

      for (const instance of instances.list) instance.redis.cut()
      await waitUntil(async () => (await instances.listening(board.id)) === 0, 'Redis to lose all three')

      const acknowledged: string[][] = pairs.map(() => [])
      const ends = Date.now() + OUTAGE_MS
      for (let round = 0; Date.now() < ends; round++) {
        pairs.forEach(([writer], i) => {
          const id = `shape:i${i}-${round}`
          writer?.records.set(id, shapeRecord(id, i * 200, round * 10))
          acknowledged[i]?.push(id)
        })
        await waitUntil(
          () => pairs.every(([, witness], i) => acknowledged[i]?.every((id) => witness?.records.has(id))),
          `round ${round} to reach the witness on the same instance`,
        )
        await sleep(250) // edits spread over the outage, as people keep drawing
      }
      // still apart: nothing crossed between instances
      pairs.forEach((pair, i) => {
        const others = acknowledged.filter((_, j) => j !== i).flat()
        for (const client of pair) expect(others.filter((id) => client.records.has(id))).toEqual([])
      })
      const stored = await instances.stored(board.id)
      const all = acknowledged.flat()
      expect(all.length).toBeGreaterThan(3) // several rounds from every writer
      expect(all.filter((id) => !stored.has(id))).toEqual([])

      for (const instance of instances.list) instance.redis.restore()
      await waitUntil(
        async () => (await instances.listening(board.id)) === 3,
        'all three back on the bus',
        30_000,
      )
      await waitUntil(
        () => everyone.every((client) => all.every((id) => client.records.has(id))),
        'every client to converge once Redis is back',
        30_000,
      )
      expect(everyone.map((client) => shapeCount(client.records))).toEqual(everyone.map(() => all.length + 1))
      expect(spread.dropped()).toEqual([])

      // and the bus carries new edits again
      everyone[5]?.records.set('shape:after', shapeRecord('shape:after'))
      await waitUntil(() => everyone.every((client) => client.records.has('shape:after')), 'an edit after')
    } finally {
      spread.destroy()
    }
  })
})
