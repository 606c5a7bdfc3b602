import { describe, expect, it } from 'vitest'
import { boardInfoSchema } from '../../shared/protocol/rest'
import { rotateLinksResponseSchema } from '../../shared/protocol/saved-boards'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { closeCodeFor, shapeRecord } from '../support/yjs-client'

/** Opens a raw Yjs socket and resolves with the close code the server sends. */
describe('link rotation', () => {
  const app = useTestServer()

  it('stops the old editor link at once, closes its sockets and leaves everyone else connected', async () => {
    const board = await createTestBoard(app.url, 'Rotate')
    const { facilitator, editor, viewer } = board.tokens
    const yjs = {
      facilitator: await app.client(board.id, facilitator),
      editor: await app.client(board.id, editor),
      viewer: await app.client(board.id, viewer),
    }
    const yjsCloses: Record<string, number[]> = { facilitator: [], editor: [], viewer: [] }
    for (const [role, c] of Object.entries(yjs)) {
      c.provider.on('connection-close', (event) => yjsCloses[role]?.push(event?.code ?? 0))
    }
    const live = {
      facilitator: await app.session(board.id, facilitator, 'Ana'),
      editor: await app.session(board.id, editor, 'Ben'),
      viewer: await app.session(board.id, viewer, 'Cy'),
    }
    const errors: unknown[] = []
    live.editor.socket.on('session:error', (failure) => errors.push(failure))
    let editorDisconnect = ''
    live.editor.socket.on('disconnect', (reason) => {
      editorDisconnect = reason
    })

    const res = await app.rest.post(`/api/boards/${board.id}/links/rotate`, facilitator, {
      roles: ['editor'],
    })
    expect(res.status).toBe(200)
    const links = rotateLinksResponseSchema.parse(await res.json())
    expect(links.tokens.editor).not.toBe(editor)
    expect(links.tokens.facilitator).toBe(facilitator)
    expect(links.tokens.viewer).toBe(viewer)
    expect(links.urls.editor).toBe(`/b/${board.id}#k=${links.tokens.editor}`)

    await expectError(await app.rest.get(`/api/boards/${board.id}`, editor), 401, 'unauthorized')
    await waitUntil(() => yjsCloses.editor?.length === 1, 'the old editor Yjs socket to close')
    expect(yjsCloses.editor).toEqual([YJS_CLOSE.tokenRevoked])
    await waitUntil(() => editorDisconnect !== '', 'the old editor socket.io socket to disconnect')
    expect(editorDisconnect).toBe('io server disconnect')
    expect(errors).toEqual([{ code: 'token_revoked', message: expect.any(String) }])

    expect(await closeCodeFor(app.url, board.id, editor)).toBe(YJS_CLOSE.badToken)
    const refused = await app.session(board.id, editor).then(
      () => 'joined',
      (error: { data?: { code?: string } }) => error.data?.code,
    )
    expect(refused).toBe('unauthorized')

    // Everyone else is still here and still in sync; the new editor link works.
    const fresh = await app.client(board.id, links.tokens.editor)
    fresh.records.set('shape:new-editor', shapeRecord('shape:new-editor'))
    await waitUntil(
      () => yjs.facilitator.records.has('shape:new-editor') && yjs.viewer.records.has('shape:new-editor'),
      'the others to see the new editor’s edit',
    )
    expect(yjsCloses.facilitator).toEqual([])
    expect(yjsCloses.viewer).toEqual([])
    expect(live.facilitator.socket.connected && live.viewer.socket.connected).toBe(true)
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}`, facilitator)).json(),
    )
    expect(info.urls).toEqual(links.urls)
    const asEditor = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}`, links.tokens.editor)).json(),
    )
    expect(asEditor).toMatchObject({
      role: 'editor',
      urls: { editor: links.urls.editor, viewer: links.urls.viewer },
    })
  })

  it('rotates every link, the facilitator’s own included, and the new facilitator link shares the others', async () => {
    const board = await createTestBoard(app.url)
    const res = await app.rest.post(`/api/boards/${board.id}/links/rotate`, board.tokens.facilitator, {
      roles: ['facilitator', 'editor', 'viewer'],
    })
    const links = rotateLinksResponseSchema.parse(await res.json())
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      expect(links.tokens[role]).not.toBe(board.tokens[role])
      await expectError(
        await app.rest.get(`/api/boards/${board.id}`, board.tokens[role]),
        401,
        'unauthorized',
      )
    }
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}`, links.tokens.facilitator)).json(),
    )
    expect(info).toMatchObject({ role: 'facilitator', urls: links.urls })
  })

  it('lets only a facilitator rotate, and refuses bad bodies', async () => {
    const board = await createTestBoard(app.url)
    const path = `/api/boards/${board.id}/links/rotate`
    await expectError(await app.rest.post(path, board.tokens.editor, { roles: ['viewer'] }), 403, 'forbidden')
    await expectError(await app.rest.post(path, board.tokens.viewer, { roles: ['viewer'] }), 403, 'forbidden')
    await expectError(await app.rest.post(path, board.tokens.facilitator, { roles: [] }), 400, 'bad_request')
    await expectError(
      await app.rest.post(path, board.tokens.facilitator, { roles: ['admin'] }),
      400,
      'bad_request',
    )
    await expectError(await app.rest.post(path, board.tokens.facilitator, 'roles'), 400, 'invalid_json')
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}`, board.tokens.viewer)).json(),
    )
    expect(info.role).toBe('viewer') // nothing was rotated
  })
})
