import { describe, expect, it } from 'vitest'
import { geoShape } from '../support/board-records'
import { createTestBoard } from '../support/test-server'
import { useInstances } from '../support/use-instances'
import { waitUntil } from '../support/wait'

/** Two instances on one PostgreSQL schema, each reaching Redis through its own cuttable relay. */
describe('two instances, one board (PostgreSQL + Redis)', () => {
  const instances = useInstances(2)
  const [a, b] = [0, 1]

  it('shows edits and presence made on one instance to people on the other', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.client(a, board.id, board.tokens.editor)
    const ben = await instances.client(b, board.id, board.tokens.editor)
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
  })

  it('converges without a reload after instance B loses Redis for a while', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.client(a, board.id, board.tokens.editor)
    const ben = await instances.client(b, board.id, board.tokens.editor)
    ana.records.set('shape:before', geoShape('shape:before'))
    await waitUntil(() => ben.records.has('shape:before'), 'an edit before the outage')

    instances.redisRelay(b).cut()
    const during: string[] = []
    for (let i = 0; i < 10; i++) {
      const id = `shape:during-${i}`
      during.push(id)
      ana.records.set(id, geoShape(id, { x: i * 20 }))
    }
    // and Ben draws on B meanwhile: B stores it but cannot publish it
    ben.records.set('shape:from-b-during', geoShape('shape:from-b-during'))
    await waitUntil(() => ana.records.has('shape:during-9'), 'the edits on A')
    await (await instances.on(b).rooms.peek(board.id))?.flush()
    await (await instances.on(a).rooms.peek(board.id))?.flush() // stored (and published, to no one on B)
    expect(ben.records.has('shape:during-9')).toBe(false)

    instances.redisRelay(b).restore()
    await waitUntil(
      () => during.every((id) => ben.records.has(id)),
      'Ben to converge once Redis is back',
      30_000,
    )
    // A never lost Redis, so nothing tells it to reload, but B announces what it could not publish
    await waitUntil(
      () => ana.records.has('shape:from-b-during'),
      "Ben's edit to reach A once B is back",
      30_000,
    )
  })
})
