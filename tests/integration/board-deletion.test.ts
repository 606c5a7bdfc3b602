import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { publishResponseSchema, versionInfoSchema } from '../../shared/protocol/saved-boards'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { joinSession, type SessionClient } from '../support/session-client'
import { createTestBoard, removeDir, startTestServer, wsBase } from '../support/test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, shapeRecord, syncedBoardClient } from '../support/yjs-client'
import { eventually, expectError, pngBytes, restOf, type TestServer } from './saved-boards-kit'

function closeCodeFor(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('close', (code) => resolve(code))
    ws.on('error', reject)
  })
}

describe('deleting a board', () => {
  let server: TestServer
  let rest: ReturnType<typeof restOf>
  const clients: BoardClient[] = []
  const sessions: SessionClient[] = []

  beforeAll(async () => {
    server = await startTestServer()
    rest = restOf(server)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of sessions) s.close()
    await server.close()
    removeDir(server.dataDir)
  })

  it('lets only the facilitator delete, closes every socket and leaves nothing behind', async () => {
    const board = await createTestBoard(server.url, 'Doomed')
    const path = `/api/boards/${board.id}`
    const editor = await syncedBoardClient(server.url, board.id, board.tokens.editor)
    const viewer = await syncedBoardClient(server.url, board.id, board.tokens.viewer)
    clients.push(editor, viewer)
    const closes: number[] = []
    for (const c of [editor, viewer])
      c.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    editor.records.set('shape:a', shapeRecord('shape:a'))
    const room = await server.rooms.peek(board.id)
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:a') === true, 'the edit')
    const ana = await joinSession(server.url, board.id, board.tokens.facilitator, 'Ana')
    const ben = await joinSession(server.url, board.id, board.tokens.viewer, 'Ben')
    sessions.push(ana, ben)
    const told: unknown[] = []
    ben.socket.on('session:error', (failure) => told.push(failure))
    await rest.put(`${path}/thumbnail`, board.tokens.editor, pngBytes())
    const version = versionInfoSchema.parse(
      await (await rest.post(`${path}/versions`, board.tokens.facilitator, { name: 'v' })).json(),
    )
    const publication = publishResponseSchema.parse(
      await (await rest.post(`${path}/versions/${version.id}/publish`, board.tokens.facilitator)).json(),
    )
    const publicationToken = publication.url.split('#k=')[1] ?? ''

    await expectError(await rest.del(path, board.tokens.editor), 403, 'forbidden')
    await expectError(await rest.del(path, board.tokens.viewer), 403, 'forbidden')
    await expectError(await rest.del(path), 401, 'unauthorized')
    const boardsBefore = (await server.store.listBoards()).length

    const res = await rest.del(path, board.tokens.facilitator)
    expect(res.status).toBe(204)

    await waitUntil(() => closes.length === 2, 'both Yjs sockets to close')
    expect(closes).toEqual([YJS_CLOSE.boardNotFound, YJS_CLOSE.boardNotFound])
    await waitUntil(() => !ana.socket.connected && !ben.socket.connected, 'the session sockets to disconnect')
    expect(told).toEqual([{ code: 'board_not_found', message: expect.any(String) }])

    await expectError(await rest.get(path, board.tokens.facilitator), 404, 'board_not_found')
    await expectError(await rest.get(`${path}/versions`, board.tokens.facilitator), 404, 'board_not_found')
    await expectError(await rest.get(`/api/published/${publication.id}`, publicationToken), 404, 'not_found')
    expect(await closeCodeFor(`${wsBase(server.url)}/${board.id}?token=${board.tokens.editor}`)).toBe(
      YJS_CLOSE.boardNotFound,
    )
    expect((await server.store.listBoards()).length).toBe(boardsBefore - 1)
    expect(await server.store.listVersions(board.id)).toEqual([])
    expect(await server.store.getPublication(publication.id)).toBeNull()
    expect(await server.store.loadThumbnail(board.id)).toBeNull()
    expect(await server.store.loadDocument(board.id)).toBeNull()
    expect(await server.store.loadSessionState(board.id)).toBeNull()
    expect(server.rooms.isLoaded(board.id)).toBe(false)
    // Nothing was written for it after it was gone, not even the version kept when a session ends.
    expect(await server.store.getBoard(board.id)).toBeNull()
  })

  it('survives writes that arrive for a board deleted underneath its open sockets', async () => {
    const board = await createTestBoard(server.url, 'Pulled away')
    const editor = await syncedBoardClient(server.url, board.id, board.tokens.editor)
    clients.push(editor)
    const closes: number[] = []
    editor.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const ana = await joinSession(server.url, board.id, board.tokens.facilitator, 'Ana')
    sessions.push(ana)
    editor.records.set('shape:before', shapeRecord('shape:before'))
    const room = await server.rooms.peek(board.id)
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:before') === true,
      'the first edit',
    )

    await server.store.deleteBoard(board.id) // e.g. another instance, or a delete racing these writes

    editor.records.set('shape:late', shapeRecord('shape:late')) // its append fails on the foreign key
    await waitUntil(() => closes.length > 0, 'the board room to give up')
    expect(closes[0]).toBe(1011)
    expect(await ana.intent({ type: 'timer:start', minutes: 1 })).toEqual({ ok: true }) // its save fails quietly
    ana.close() // the session ends: no version can be kept for a board that is gone
    await server.rooms.unload(board.id)

    // A board whose stored edits wait for compaction when it is deleted: unloading it still works.
    const quiet = await createTestBoard(server.url, 'Quietly gone')
    const writer = await syncedBoardClient(server.url, quiet.id, quiet.tokens.editor)
    clients.push(writer)
    writer.records.set('shape:kept', shapeRecord('shape:kept'))
    const quietRoom = await server.rooms.peek(quiet.id)
    await waitUntil(() => quietRoom?.doc.getMap(BOARD_DOC.recordsMap).has('shape:kept') === true, 'the edit')
    await quietRoom?.flush()
    await server.store.deleteBoard(quiet.id)
    await server.rooms.unload(quiet.id) // its compaction fails on the foreign key, and is tolerated
    expect(server.rooms.isLoaded(quiet.id)).toBe(false)

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const other = await createTestBoard(server.url)
    const reader = await syncedBoardClient(server.url, other.id, other.tokens.editor)
    clients.push(reader)
    reader.records.set('shape:alive', shapeRecord('shape:alive'))
    await eventually(
      async () => (await server.store.loadDocument(other.id)) !== null,
      'the other board to store',
    )
    expect(await server.store.getBoard(board.id)).toBeNull()
  })
})
