import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { StorageBusy } from '../../../server/storage/board-store'
import { PostgresBoardStore } from '../../../server/storage/postgres-store'
import { freshSchema, TEST_DATABASE_URL } from '../../support/postgres'
import { startTcpProxy } from '../../support/tcp-proxy'
import { within } from '../../support/wait'

describe('PostgreSQL that stops answering without closing anything', () => {
  it('turns an unanswered write into "storage busy" and writes again once the database answers', {
    timeout: 60_000,
  }, async () => {
    const { schema, drop } = await freshSchema()
    const target = new URL(TEST_DATABASE_URL)
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
    target.port = String(proxy.port)
    const store = await PostgresBoardStore.open(target.toString(), { schema, queryTimeoutMs: 1_000 })
    try {
      await store.createBoard({
        id: 'stalled',
        title: 'Stalled',
        templateId: null,
        createdAt: new Date().toISOString(),
        tokenHashes: { facilitator: 'f', editor: 'e', viewer: 'v' },
        sealedLinks: { facilitator: 'f', editor: 'e' },
        originBoardId: null,
      })
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      for (let i = 0; i < 3; i++) doc.getMap('tldraw').set(`shape:${i}`, { x: i })
      const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array]
      await store.appendUpdate('stalled', first)

      proxy.stall()
      // TCP alone would wait minutes for this; the store gives up after its query timeout
      const outcome = await within(
        store.appendUpdate('stalled', second).then(
          () => 'stored',
          (error: unknown) => error,
        ),
        'the unanswered append to give up',
      )
      expect(outcome).toBeInstanceOf(StorageBusy)

      proxy.restore()
      // the room retries what failed, as it does after any "storage busy"; nothing is stored twice
      await within(store.appendUpdate('stalled', second), 'the retried append')
      await within(store.appendUpdate('stalled', third), 'a later append')
      const stored = new Y.Doc()
      Y.applyUpdate(stored, (await store.loadDocument('stalled')) ?? new Uint8Array())
      expect([...stored.getMap('tldraw').keys()].sort()).toEqual(['shape:0', 'shape:1', 'shape:2'])
    } finally {
      await within(store.close(), 'the store to close')
      await proxy.close()
      await within(drop(), 'the schema to be dropped')
    }
  })
})
