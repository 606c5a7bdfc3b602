import { describe, expect, it } from 'vitest'
import { boardInfoSchema, createBoardResponseSchema } from '../../shared/protocol/rest'
import {
  publishedVersionSchema,
  publishResponseSchema,
  versionInfoSchema,
} from '../../shared/protocol/saved-boards'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'
import { drawContent, recordsOf, sortById, TLDRAW_SCHEMA, tldrawRecords } from './saved-boards-kit'

describe('published versions', () => {
  const app = useTestServer()

  it('serves the version as it was published, however the board changes after', async () => {
    const board = await createTestBoard(app.url, 'Frozen')
    const author = await app.client(board.id, board.tokens.facilitator)
    const original = tldrawRecords('pub')
    drawContent(author, { schema: TLDRAW_SCHEMA, records: original })
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).size === original.length, 'the drawing')
    const base = `/api/boards/${board.id}/versions`
    const version = versionInfoSchema.parse(
      await (await app.rest.post(base, board.tokens.facilitator, { name: 'Handout' })).json(),
    )
    const published = await app.rest.post(`${base}/${version.id}/publish`, board.tokens.facilitator)
    expect(published.status).toBe(201)
    const { id, url } = publishResponseSchema.parse(await published.json())
    const token = new URL(url, app.url).hash.replace('#k=', '')
    expect(url).toBe(`/p/${id}#k=${token}`)

    // The board moves on: an edit, a second version, and a restore of that one.
    author.records.set('shape:after', shapeRecord('shape:after'))
    author.records.delete('shape:pub-cell')
    await waitUntil(() => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:after') === true, 'the edit')
    const later = versionInfoSchema.parse(
      await (await app.rest.post(base, board.tokens.facilitator, { name: 'Later' })).json(),
    )
    author.records.set('shape:even-later', shapeRecord('shape:even-later'))
    await app.rest.post(`${base}/${later.id}/restore`, board.tokens.facilitator)
    await app.rest.patch(`/api/boards/${board.id}`, board.tokens.facilitator, { title: 'Renamed' })

    const res = await app.rest.get(`/api/published/${id}`, token)
    expect(res.status).toBe(200)
    const frozen = publishedVersionSchema.parse(await res.json())
    expect(frozen.version.name).toBe('Handout')
    expect(frozen.boardTitle).toBe('Frozen') // the title as published, not today's
    expect(sortById(frozen.content.records)).toEqual(sortById(original))
    expect(recordsOf(author)).not.toEqual(sortById(original))

    // Anyone holding the publication link can fork it into a board of their own.
    const fork = await app.rest.post(`/api/published/${id}/fork`, token)
    expect(fork.status).toBe(201)
    const created = createBoardResponseSchema.parse(await fork.json())
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${created.id}`, created.tokens.facilitator)).json(),
    )
    expect(info.origin).toEqual({ boardId: board.id, versionId: version.id })
    const copy = await app.client(created.id, created.tokens.viewer)
    expect(recordsOf(copy)).toEqual(sortById(original))
  })

  it('refuses a wrong or missing token, and unknown publications', async () => {
    const board = await createTestBoard(app.url)
    const base = `/api/boards/${board.id}/versions`
    const version = versionInfoSchema.parse(
      await (await app.rest.post(base, board.tokens.facilitator, { name: 'v' })).json(),
    )
    const { id } = publishResponseSchema.parse(
      await (await app.rest.post(`${base}/${version.id}/publish`, board.tokens.facilitator)).json(),
    )
    // The board's own tokens do not open the publication: it has its own.
    for (const token of [board.tokens.facilitator, 'AAAAAAAAAAAAAAAAAAAAAA', 'garbage', undefined]) {
      await expectError(await app.rest.get(`/api/published/${id}`, token), 401, 'unauthorized')
      await expectError(await app.rest.post(`/api/published/${id}/fork`, token), 401, 'unauthorized')
    }
    await expectError(
      await app.rest.get('/api/published/AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA'),
      404,
      'not_found',
    )
    await expectError(
      await app.rest.get('/api/published/..%2F..', 'AAAAAAAAAAAAAAAAAAAAAA'),
      400,
      'invalid_id',
    )
    await expectError(
      await app.rest.post(`${base}/AAAAAAAAAAAAAAAAAAAAAA/publish`, board.tokens.facilitator),
      404,
      'version_not_found',
    )
  })
})
