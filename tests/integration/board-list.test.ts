import { describe, expect, it } from 'vitest'
import { boardInfoSchema } from '../../shared/protocol/rest'
import { lookupResponseSchema, SAVED_LIMITS } from '../../shared/protocol/saved-boards'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { pngBytes } from './saved-boards-kit'

const UNKNOWN_ID = 'BBBBBBBBBBBBBBBBBBBBBB'
const WRONG_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA'

/** What the home page's "Your boards" needs: lookup, thumbnails, rename. */
describe('your boards: lookup, thumbnails, rename', () => {
  const app = useTestServer()

  it('stores a thumbnail from an editor and serves the same bytes to any role', async () => {
    const board = await createTestBoard(app.url)
    const path = `/api/boards/${board.id}/thumbnail`
    await expectError(await app.rest.get(path, board.tokens.viewer), 404, 'not_found')
    const picture = pngBytes(2048, 42)
    expect((await app.rest.put(path, board.tokens.editor, picture)).status).toBe(204)
    for (const token of Object.values(board.tokens)) {
      const res = await app.rest.get(path, token)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(picture)
    }
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}`, board.tokens.viewer)).json(),
    )
    expect(info.thumbnailAt).not.toBeNull()
    // A facilitator replaces it.
    expect((await app.rest.put(path, board.tokens.facilitator, pngBytes(10, 1))).status).toBe(204)
    expect(new Uint8Array(await (await app.rest.get(path, board.tokens.viewer)).arrayBuffer())).toEqual(
      pngBytes(10, 1),
    )
  })

  it('refuses a thumbnail from a viewer, one that is not a PNG, and one that is too large', async () => {
    const board = await createTestBoard(app.url)
    const path = `/api/boards/${board.id}/thumbnail`
    await expectError(await app.rest.put(path, board.tokens.viewer, pngBytes()), 403, 'forbidden')
    await expectError(await app.rest.put(path, undefined, pngBytes()), 401, 'unauthorized')
    await expectError(
      await app.rest.put(path, board.tokens.editor, new Uint8Array(100).fill(1)),
      400,
      'bad_request',
    )
    await expectError(
      await app.rest.put(path, board.tokens.editor, pngBytes(), 'image/jpeg'),
      415,
      'unsupported_media_type',
    )
    await expectError(await app.rest.put(path, board.tokens.editor, pngBytes(0)), 400, 'bad_request')
    const tooBig = pngBytes(SAVED_LIMITS.thumbnailBytes)
    await expectError(await app.rest.put(path, board.tokens.editor, tooBig), 413, 'payload_too_large')
    expect(await app.server.store.loadThumbnail(board.id)).toBeNull()
  })

  it('looks up remembered boards in order, with a failure for each bad token or unknown board', async () => {
    const first = await createTestBoard(app.url, 'First')
    const second = await createTestBoard(app.url, 'Second')
    await app.rest.put(`/api/boards/${second.id}/thumbnail`, second.tokens.editor, pngBytes())
    const res = await app.rest.post('/api/boards/lookup', undefined, {
      boards: [
        { id: first.id, token: first.tokens.viewer },
        { id: second.id, token: second.tokens.facilitator },
        { id: first.id, token: second.tokens.facilitator },
        { id: UNKNOWN_ID, token: WRONG_TOKEN },
        { id: 'not an id', token: 'not a token' },
      ],
    })
    expect(res.status).toBe(200)
    const { boards } = lookupResponseSchema.parse(await res.json())
    expect(boards).toEqual([
      {
        ok: true,
        board: {
          id: first.id,
          title: 'First',
          role: 'viewer',
          updatedAt: expect.any(String),
          thumbnailAt: null,
        },
      },
      {
        ok: true,
        board: {
          id: second.id,
          title: 'Second',
          role: 'facilitator',
          updatedAt: expect.any(String),
          thumbnailAt: expect.any(String),
        },
      },
      { ok: false, id: first.id, code: 'unauthorized' },
      { ok: false, id: UNKNOWN_ID, code: 'board_not_found' },
      { ok: false, id: 'not an id', code: 'board_not_found' },
    ])
  })

  it('refuses garbage lookups with 400', async () => {
    const lookup = (body: unknown) => app.rest.post('/api/boards/lookup', undefined, body)
    await expectError(await lookup('{"boards":'), 400, 'invalid_json')
    await expectError(await lookup({}), 400, 'bad_request')
    await expectError(await lookup({ boards: 'all' }), 400, 'bad_request')
    await expectError(await lookup({ boards: [{ id: 1, token: 2 }] }), 400, 'bad_request')
    await expectError(await lookup({ boards: [{ id: 'a', token: 'b', admin: true }] }), 400, 'bad_request')
    await expectError(await lookup({ boards: [{ id: 'a'.repeat(65), token: 'b' }] }), 400, 'bad_request')
    const tooMany = Array.from({ length: SAVED_LIMITS.lookupBoards + 1 }, () => ({
      id: UNKNOWN_ID,
      token: WRONG_TOKEN,
    }))
    await expectError(await lookup({ boards: tooMany }), 400, 'bad_request')
  })

  it('renames a board for the facilitator and tells everyone in the session', async () => {
    const board = await createTestBoard(app.url, 'Old name')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const renamed: unknown[] = []
    ben.socket.on('board:renamed', (payload) => renamed.push(payload))
    const path = `/api/boards/${board.id}`
    await expectError(await app.rest.patch(path, board.tokens.editor, { title: 'Nope' }), 403, 'forbidden')
    await expectError(await app.rest.patch(path, board.tokens.viewer, { title: 'Nope' }), 403, 'forbidden')
    await expectError(
      await app.rest.patch(path, board.tokens.facilitator, { title: '  ' }),
      400,
      'bad_request',
    )
    await expectError(
      await app.rest.patch(path, board.tokens.facilitator, { title: 'x'.repeat(121) }),
      400,
      'bad_request',
    )
    await expectError(await app.rest.patch(path, board.tokens.facilitator, { name: 'x' }), 400, 'bad_request')
    await expectError(await app.rest.patch(path, board.tokens.facilitator, '{'), 400, 'invalid_json')

    const res = await app.rest.patch(path, board.tokens.facilitator, { title: '  Cells, second try ' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ title: 'Cells, second try' })
    await waitUntil(() => renamed.length === 1, 'the rename to reach the session')
    expect(renamed).toEqual([{ title: 'Cells, second try' }])
    const info = boardInfoSchema.parse(await (await app.rest.get(path, board.tokens.viewer)).json())
    expect(info.title).toBe('Cells, second try')
  })
})
