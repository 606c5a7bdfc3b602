import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { sleep, waitUntil } from '../support/wait'
import {
  closeCodeFor,
  openRawYjsSocket,
  shapeCount,
  shapeRecord,
  syncedBoardClient,
} from '../support/yjs-client'

/** An awareness message as a y-websocket client would send it. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

async function storedRecords(server: TestServer, boardId: string): Promise<Y.Map<unknown>> {
  const doc = new Y.Doc()
  const stored = await server.store.loadDocument(boardId)
  if (stored) Y.applyUpdate(doc, stored)
  return doc.getMap(BOARD_DOC.recordsMap)
}

describe('Yjs sync endpoint', () => {
  const app = useTestServer()

  it('makes two editors converge after concurrent edits', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.facilitator)
    const b = await app.client(board.id, board.tokens.editor)
    for (let i = 0; i < 50; i++) {
      a.records.set(`shape:a${i}`, shapeRecord(`shape:a${i}`, i, 0))
      b.records.set(`shape:b${i}`, shapeRecord(`shape:b${i}`, 0, i))
    }
    // Both change the same record at once: Yjs picks one winner, and both sides agree on it.
    a.records.set('shape:shared', shapeRecord('shape:shared', 1, 1))
    b.records.set('shape:shared', shapeRecord('shape:shared', 2, 2))
    await waitUntil(
      () => shapeCount(a.records) === 101 && shapeCount(b.records) === 101,
      'both sides to hold 101 records',
    )
    await waitUntil(
      () => JSON.stringify(a.records.get('shape:shared')) === JSON.stringify(b.records.get('shape:shared')),
      'the contested record to converge',
    )
    expect(a.records.toJSON()).toEqual(b.records.toJSON())
  })

  it("drops a viewer's update: it is neither relayed nor stored", async () => {
    const board = await createTestBoard(app.url)
    const editor = await app.client(board.id, board.tokens.editor)
    const viewer = await app.client(board.id, board.tokens.viewer)
    editor.records.set('shape:before', shapeRecord('shape:before'))
    await waitUntil(() => viewer.records.has('shape:before'), 'the viewer to see the editor')

    viewer.records.set('shape:vandal', shapeRecord('shape:vandal'))
    viewer.records.delete('shape:before')
    // A sentinel edit from the editor, sent after the viewer's: once it arrives, the viewer's would have too.
    editor.records.set('shape:after', shapeRecord('shape:after'))
    await waitUntil(() => viewer.records.has('shape:after'), 'the sentinel edit')
    await app.server.rooms.unload(board.id)

    expect(editor.records.has('shape:vandal')).toBe(false)
    expect(editor.records.has('shape:before')).toBe(true)
    const stored = await storedRecords(app.server, board.id)
    expect(stored.has('shape:vandal')).toBe(false)
    expect(stored.has('shape:before')).toBe(true)

    const fresh = await app.client(board.id, board.tokens.editor)
    expect(fresh.records.has('shape:vandal')).toBe(false)
    expect(fresh.records.has('shape:before')).toBe(true)
  })

  it('closes a socket with 4401 for a bad token and 4404 for an unknown board', async () => {
    const board = await createTestBoard(app.url)
    expect(await closeCodeFor(app.url, board.id, 'AAAAAAAAAAAAAAAAAAAAAA')).toBe(YJS_CLOSE.badToken)
    expect(await closeCodeFor(app.url, board.id, '')).toBe(YJS_CLOSE.badToken)
    expect(await closeCodeFor(app.url, board.id, 'not-even-a-token')).toBe(YJS_CLOSE.badToken)
    expect(await closeCodeFor(app.url, 'BBBBBBBBBBBBBBBBBBBBBB', board.tokens.editor)).toBe(
      YJS_CLOSE.boardNotFound,
    )
    expect(await closeCodeFor(app.url, 'not-a-board', board.tokens.editor)).toBe(YJS_CLOSE.boardNotFound)
  })

  it('relays presence and removes it when a client vanishes without saying goodbye', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    const ghostId = 424242
    const ghost = await openRawYjsSocket(app.url, board.id, board.tokens.viewer)
    ghost.send(awarenessFrame(ghostId, 1, { presence: { name: 'Ana', color: '#d94f4f' } }))
    await waitUntil(() => a.provider.awareness.getStates().has(ghostId), 'a to see the ghost')
    expect(a.provider.awareness.getStates().get(ghostId)).toMatchObject({ presence: { name: 'Ana' } })
    ghost.terminate() // no awareness removal is ever sent
    await waitUntil(
      () => !a.provider.awareness.getStates().has(ghostId),
      "the ghost's presence to be removed",
    )
  })

  it("refuses to let one connection overwrite or erase another's presence", async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    a.provider.awareness.setLocalStateField('presence', { name: 'Ana' })
    const observer = await app.client(board.id, board.tokens.viewer)
    const aId = a.doc.clientID
    await waitUntil(() => observer.provider.awareness.getStates().has(aId), 'the observer to see a')
    const intruder = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    intruder.send(awarenessFrame(aId, 99, { presence: { name: 'Impostor' } }))
    intruder.send(awarenessFrame(aId, 100, null))
    intruder.send(awarenessFrame(777, 1, { presence: { name: 'Sentinel' } }))
    await waitUntil(() => observer.provider.awareness.getStates().has(777), 'the sentinel presence')
    expect(observer.provider.awareness.getStates().get(aId)).toMatchObject({ presence: { name: 'Ana' } })
    intruder.close()
  })

  it('unloads a board after it goes idle and reloads it intact', async () => {
    const idleServer = await startTestServer({ idleUnloadMs: 50 })
    try {
      const board = await createTestBoard(idleServer.url)
      const writer = await syncedBoardClient(idleServer.url, board.id, board.tokens.editor)
      for (let i = 0; i < 20; i++) writer.records.set(`shape:${i}`, shapeRecord(`shape:${i}`, i))
      const expected = writer.records.toJSON()
      await waitUntil(() => idleServer.rooms.isLoaded(board.id), 'the board to load')
      await sleep(100) // let the writes reach the server before leaving
      writer.destroy()
      await waitUntil(() => !idleServer.rooms.isLoaded(board.id), 'the idle board to unload')
      expect(await idleServer.store.countUpdates(board.id)).toBe(0) // compacted into one snapshot on unload

      const reader = await syncedBoardClient(idleServer.url, board.id, board.tokens.viewer)
      expect(reader.records.toJSON()).toEqual(expected)
      reader.destroy()
    } finally {
      await idleServer.close()
      removeDir(idleServer.dataDir)
    }
  })
})

describe('Yjs sync endpoint, with a client alone and idle', () => {
  // y-websocket closes a socket that hears nothing for 30 s; the server speaks far more often
  const app = useTestServer({ yjsKeepaliveMs: 50 })

  it('keeps telling it the server is there, so its socket is never closed as silent', async () => {
    const board = await createTestBoard(app.url)
    const alone = await app.client(board.id, board.tokens.editor)
    const statuses: string[] = []
    alone.provider.on('status', ({ status }) => statuses.push(status))
    const heard = alone.provider.wsLastMessageReceived
    // nothing changes on the board and nobody else is there: only the server's "still here" arrives
    await waitUntil(
      () => alone.provider.wsLastMessageReceived > heard,
      'the server to speak to an idle client',
    )
    const again = alone.provider.wsLastMessageReceived
    await waitUntil(() => alone.provider.wsLastMessageReceived > again, 'the server to speak again')
    expect(statuses).toEqual([])
    expect(alone.provider.wsconnected).toBe(true)
  })
})
