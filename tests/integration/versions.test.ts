import { describe, expect, it } from 'vitest'
import {
  restoreResponseSchema,
  versionContentSchema,
  versionInfoSchema,
  versionListSchema,
} from '../../shared/protocol/saved-boards'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'
import {
  clearDrawing,
  drawContent,
  pngBytes,
  recordsOf,
  sortById,
  TLDRAW_SCHEMA,
  tldrawRecords,
} from './saved-boards-kit'

describe('versions', () => {
  const app = useTestServer()

  it('restores a saved version for every connected client, whose sockets stay open', async () => {
    const board = await createTestBoard(app.url, 'Restore me')
    const a = await app.client(board.id, board.tokens.facilitator)
    const b = await app.client(board.id, board.tokens.editor)
    const closes: unknown[] = []
    for (const c of [a, b]) c.provider.on('connection-close', (event) => closes.push(event))

    const saved = tldrawRecords('v1')
    drawContent(a, { schema: TLDRAW_SCHEMA, records: saved })
    await waitUntil(() => b.records.size === saved.length, 'B to see the drawing')

    const res = await app.rest.post(`/api/boards/${board.id}/versions`, board.tokens.facilitator, {
      name: 'Before the workshop',
    })
    expect(res.status).toBe(201)
    const version = versionInfoSchema.parse(await res.json())
    expect(version).toMatchObject({ name: 'Before the workshop', kind: 'manual', hasThumbnail: false })

    // A edits: changes one record, removes another, adds a third.
    const moved = { ...(a.records.get('shape:v1-cell') as object), x: 999 }
    a.doc.transact(() => {
      a.records.set('shape:v1-cell', moved)
      a.records.delete('shape:v1-gateway')
      a.records.set('shape:later', shapeRecord('shape:later'))
    })
    await waitUntil(
      () => b.records.has('shape:later') && !b.records.has('shape:v1-gateway'),
      'B to see the edit',
    )

    const restored = await app.rest.post(
      `/api/boards/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
    )
    expect(restored.status).toBe(200)
    expect(restoreResponseSchema.parse(await restored.json())).toEqual({ put: 2, removed: 1 })

    const expected = sortById(saved)
    await waitUntil(
      () => JSON.stringify(recordsOf(a)) === JSON.stringify(expected),
      'A to show exactly the version',
    )
    await waitUntil(
      () => JSON.stringify(recordsOf(b)) === JSON.stringify(expected),
      'B to show exactly the version',
    )
    expect(recordsOf(a)).toEqual(expected)
    expect(recordsOf(b)).toEqual(expected)
    expect(closes).toEqual([])
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)

    // The restore is stored like any change: a newcomer sees the version too.
    const c = await app.client(board.id, board.tokens.viewer)
    expect(recordsOf(c)).toEqual(expected)
  })

  it('restores a board nobody has open, and the next visitor sees the version', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    drawContent(a, { schema: TLDRAW_SCHEMA, records: tldrawRecords('x') })
    const room = await app.server.rooms.peek(board.id)
    const serverRecords = () => room?.doc.getMap(BOARD_DOC.recordsMap).size
    await waitUntil(() => serverRecords() === tldrawRecords('x').length, 'the server to hold the drawing')
    const picture = pngBytes()
    const version = versionInfoSchema.parse(
      await (
        await app.rest.post(`/api/boards/${board.id}/versions`, board.tokens.facilitator, {
          name: 'x',
          thumbnail: Buffer.from(picture).toString('base64'),
        })
      ).json(),
    )
    clearDrawing(a)
    await app.rest.put(`/api/boards/${board.id}/thumbnail`, board.tokens.editor, pngBytes(32, 1)) // the emptied board
    await waitUntil(() => serverRecords() === 2, 'the server to see the clear') // the document and its page
    a.destroy()
    await app.server.rooms.unload(board.id)
    expect(app.server.rooms.isLoaded(board.id)).toBe(false)

    const res = await app.rest.post(
      `/api/boards/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
    )
    expect(res.status).toBe(200)
    const b = await app.client(board.id, board.tokens.viewer)
    expect(recordsOf(b)).toEqual(sortById(tldrawRecords('x')))
    // the home page's picture shows the restored content, not the emptied board
    const thumbnail = await app.rest.get(`/api/boards/${board.id}/thumbnail`, board.tokens.viewer)
    expect(new Uint8Array(await thumbnail.arrayBuffer())).toEqual(picture)
  })

  it('lets only a facilitator save or restore, and anyone with a link read versions', async () => {
    const board = await createTestBoard(app.url)
    const base = `/api/boards/${board.id}/versions`
    await expectError(await app.rest.post(base, board.tokens.editor, { name: 'nope' }), 403, 'forbidden')
    await expectError(await app.rest.post(base, board.tokens.viewer, { name: 'nope' }), 403, 'forbidden')
    await expectError(await app.rest.post(base, undefined, { name: 'nope' }), 401, 'unauthorized')
    const saved = await app.rest.post(base, board.tokens.facilitator, {
      name: 'Mine',
      thumbnail: b64(pngBytes()),
    })
    const version = versionInfoSchema.parse(await saved.json())
    expect(version.hasThumbnail).toBe(true)

    await expectError(
      await app.rest.post(`${base}/${version.id}/restore`, board.tokens.editor),
      403,
      'forbidden',
    )
    await expectError(
      await app.rest.post(`${base}/${version.id}/restore`, board.tokens.viewer),
      403,
      'forbidden',
    )
    await expectError(
      await app.rest.post(`${base}/${version.id}/publish`, board.tokens.editor),
      403,
      'forbidden',
    )

    const list = versionListSchema.parse(await (await app.rest.get(base, board.tokens.viewer)).json())
    expect(list.versions.map((v) => v.id)).toEqual([version.id])
    const one = versionContentSchema.parse(
      await (await app.rest.get(`${base}/${version.id}`, board.tokens.viewer)).json(),
    )
    expect(one).toMatchObject({ boardTitle: 'Test board', version: { id: version.id, name: 'Mine' } })
    const picture = await app.rest.get(`${base}/${version.id}/thumbnail`, board.tokens.viewer)
    expect(picture.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(pngBytes())
  })

  it('refuses bad names, non-PNG pictures and unknown versions', async () => {
    const board = await createTestBoard(app.url)
    const base = `/api/boards/${board.id}/versions`
    const token = board.tokens.facilitator
    await expectError(await app.rest.post(base, token, { name: '   ' }), 400, 'bad_request')
    await expectError(await app.rest.post(base, token, { name: 'x'.repeat(81) }), 400, 'bad_request')
    await expectError(await app.rest.post(base, token, { name: 'ok', extra: 1 }), 400, 'bad_request')
    await expectError(
      await app.rest.post(base, token, { name: 'ok', thumbnail: b64(new Uint8Array(20)) }),
      400,
      'bad_request',
    )
    await expectError(
      await app.rest.post(base, token, { name: 'ok', thumbnail: 'not base64!' }),
      400,
      'bad_request',
    )
    await expectError(await app.rest.post(base, token, '{"name":'), 400, 'invalid_json')
    for (const path of [`${base}/AAAAAAAAAAAAAAAAAAAAAA`, `${base}/AAAAAAAAAAAAAAAAAAAAAA/thumbnail`]) {
      await expectError(await app.rest.get(path, token), 404, 'version_not_found')
    }
    await expectError(await app.rest.get(`${base}/nonsense`, token), 400, 'invalid_id')
    await expectError(
      await app.rest.post(`${base}/AAAAAAAAAAAAAAAAAAAAAA/restore`, token),
      404,
      'version_not_found',
    )
    expect(await app.server.store.listVersions(board.id)).toEqual([])
  })

  it('copies the board picture into a version saved without one', async () => {
    const board = await createTestBoard(app.url)
    const picture = pngBytes(100, 3)
    expect(
      (await app.rest.put(`/api/boards/${board.id}/thumbnail`, board.tokens.editor, picture)).status,
    ).toBe(204)
    const version = versionInfoSchema.parse(
      await (
        await app.rest.post(`/api/boards/${board.id}/versions`, board.tokens.facilitator, { name: 'v' })
      ).json(),
    )
    expect(version.hasThumbnail).toBe(true)
    expect(await app.server.store.loadVersionThumbnail(board.id, version.id)).toEqual(picture)
  })
})

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}
