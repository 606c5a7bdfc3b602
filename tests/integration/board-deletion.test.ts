import { describe, expect, it } from 'vitest'
import { publishResponseSchema, versionInfoSchema } from '../../shared/protocol/saved-boards'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { closeCodeFor, shapeRecord } from '../support/yjs-client'
import { eventually, pngBytes } from './saved-boards-kit'

describe('deleting a board', () => {
  const app = useTestServer()

  it('lets only the facilitator delete, closes every socket and leaves nothing behind', async () => {
    const board = await createTestBoard(app.url, 'Doomed')
    const path = `/api/boards/${board.id}`
    const editor = await app.client(board.id, board.tokens.editor)
    const viewer = await app.client(board.id, board.tokens.viewer)
    const closes: number[] = []
    for (const c of [editor, viewer])
      c.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    editor.records.set('shape:a', shapeRecord('shape:a'))
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:a') === true, 'the edit')
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const told: unknown[] = []
    ben.socket.on('session:error', (failure) => told.push(failure))
    await app.rest.put(`${path}/thumbnail`, board.tokens.editor, pngBytes())
    const version = versionInfoSchema.parse(
      await (await app.rest.post(`${path}/versions`, board.tokens.facilitator, { name: 'v' })).json(),
    )
    const publication = publishResponseSchema.parse(
      await (await app.rest.post(`${path}/versions/${version.id}/publish`, board.tokens.facilitator)).json(),
    )
    const publicationToken = publication.url.split('#k=')[1] ?? ''

    await expectError(await app.rest.del(path, board.tokens.editor), 403, 'forbidden')
    await expectError(await app.rest.del(path, board.tokens.viewer), 403, 'forbidden')
    await expectError(await app.rest.del(path), 401, 'unauthorized')
    const boardsBefore = (await app.server.store.listBoards()).length

    const res = await app.rest.del(path, board.tokens.facilitator)
    expect(res.status).toBe(204)

    await waitUntil(() => closes.length === 2, 'both Yjs sockets to close')
    expect(closes).toEqual([YJS_CLOSE.boardNotFound, YJS_CLOSE.boardNotFound])
    await waitUntil(() => !ana.socket.connected && !ben.socket.connected, 'the session sockets to disconnect')
    expect(told).toEqual([{ code: 'board_not_found', message: expect.any(String) }])

    await expectError(await app.rest.get(path, board.tokens.facilitator), 404, 'board_not_found')
    await expectError(
      await app.rest.get(`${path}/versions`, board.tokens.facilitator),
      404,
      'board_not_found',
    )
    await expectError(
      await app.rest.get(`/api/published/${publication.id}`, publicationToken),
      404,
      'not_found',
    )
    expect(await closeCodeFor(app.url, board.id, board.tokens.editor)).toBe(YJS_CLOSE.boardNotFound)
    expect((await app.server.store.listBoards()).length).toBe(boardsBefore - 1)
    expect(await app.server.store.listVersions(board.id)).toEqual([])
    expect(await app.server.store.getPublication(publication.id)).toBeNull()
    expect(await app.server.store.loadThumbnail(board.id)).toBeNull()
    expect(await app.server.store.loadDocument(board.id)).toBeNull()
    expect(await app.server.store.loadSessionState(board.id)).toBeNull()
    expect(app.server.rooms.isLoaded(board.id)).toBe(false)
    // Nothing was written for it after it was gone, not even the version kept when a session ends.
    expect(await app.server.store.getBoard(board.id)).toBeNull()
  })

  it('survives writes that arrive for a board deleted underneath its open sockets', async () => {
    const board = await createTestBoard(app.url, 'Pulled away')
    const editor = await app.client(board.id, board.tokens.editor)
    const closes: number[] = []
    editor.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    editor.records.set('shape:before', shapeRecord('shape:before'))
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:before') === true,
      'the first edit',
    )

    await app.server.store.deleteBoard(board.id) // e.g. another instance, or a delete racing these writes

    editor.records.set('shape:late', shapeRecord('shape:late')) // its append fails on the foreign key
    await waitUntil(() => closes.length > 0, 'the board room to give up')
    expect(closes[0]).toBe(1011)
    // nothing can be committed over a session that is gone: refused, never acked as if it were stored
    expect(await ana.intent({ type: 'timer:start', minutes: 1 })).toMatchObject({
      ok: false,
      code: 'board_not_found',
    })
    ana.close() // the session ends: no version can be kept for a board that is gone
    await app.server.rooms.unload(board.id)

    // A board whose stored edits wait for compaction when it is deleted: unloading it still works.
    const quiet = await createTestBoard(app.url, 'Quietly gone')
    const writer = await app.client(quiet.id, quiet.tokens.editor)
    writer.records.set('shape:kept', shapeRecord('shape:kept'))
    const quietRoom = await app.server.rooms.peek(quiet.id)
    await waitUntil(() => quietRoom?.doc.getMap(BOARD_DOC.recordsMap).has('shape:kept') === true, 'the edit')
    await quietRoom?.flush()
    await app.server.store.deleteBoard(quiet.id)
    await app.server.rooms.unload(quiet.id) // its compaction fails on the foreign key, and is tolerated
    expect(app.server.rooms.isLoaded(quiet.id)).toBe(false)

    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    const other = await createTestBoard(app.url)
    const reader = await app.client(other.id, other.tokens.editor)
    reader.records.set('shape:alive', shapeRecord('shape:alive'))
    await eventually(
      async () => (await app.server.store.loadDocument(other.id)) !== null,
      'the other board to store',
    )
    expect(await app.server.store.getBoard(board.id)).toBeNull()
  })
})
