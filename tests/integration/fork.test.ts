import { describe, expect, it } from 'vitest'
import { boardInfoSchema, createBoardResponseSchema } from '../../shared/protocol/rest'
import { versionInfoSchema } from '../../shared/protocol/saved-boards'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import {
  drawContent,
  pngBytes,
  recordsOf,
  removeShape,
  sortById,
  TLDRAW_SCHEMA,
  tldrawRecords,
} from './saved-boards-kit'

describe('fork', () => {
  const app = useTestServer()

  /** A board from a template with a drawing, its start template recorded, as the board page leaves it. */
  async function drawnBoard() {
    const board = await createTestBoard(app.url, 'Cells study', 'cell-based')
    const author = await app.client(board.id, board.tokens.editor)
    drawContent(author, { schema: TLDRAW_SCHEMA, records: tldrawRecords('now') })
    author.doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.startTemplateKey, 'cell-based')
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.metaMap).has(BOARD_DOC.startTemplateKey) === true,
      'the server to hold the drawing',
    )
    return { board, author }
  }

  it('forks the board as it is now into a new board with new links, where a viewer becomes facilitator', async () => {
    const { board, author } = await drawnBoard()
    await app.rest.put(`/api/boards/${board.id}/thumbnail`, board.tokens.editor, pngBytes(32, 9))
    const res = await app.rest.post(`/api/boards/${board.id}/fork`, board.tokens.viewer)
    expect(res.status).toBe(201)
    const fork = createBoardResponseSchema.parse(await res.json())

    expect(fork.id).not.toBe(board.id)
    expect(fork.title).toBe('Copy of Cells study')
    const oldTokens = Object.values(board.tokens)
    for (const token of Object.values(fork.tokens)) expect(oldTokens).not.toContain(token)
    for (const token of oldTokens) {
      await expectError(await app.rest.get(`/api/boards/${fork.id}`, token), 401, 'unauthorized')
    }

    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${fork.id}`, fork.tokens.facilitator)).json(),
    )
    expect(info).toMatchObject({
      role: 'facilitator',
      templateId: 'cell-based',
      origin: { boardId: board.id, versionId: null },
    })
    expect(info.thumbnailAt).not.toBeNull()
    expect(await app.server.store.loadThumbnail(fork.id)).toEqual(pngBytes(32, 9))

    const copy = await app.client(fork.id, fork.tokens.facilitator)
    expect(recordsOf(copy)).toEqual(recordsOf(author))
    // The template is already in the drawing: the fork's first visitor must not insert it again.
    expect(copy.doc.getMap(BOARD_DOC.metaMap).get(BOARD_DOC.startTemplateKey)).toBe('cell-based')
  })

  it('forks a saved version, keeping the version as its origin, with a chosen title', async () => {
    const { board, author } = await drawnBoard()
    const version = versionInfoSchema.parse(
      await (
        await app.rest.post(`/api/boards/${board.id}/versions`, board.tokens.facilitator, { name: 'v1' })
      ).json(),
    )
    const room = await app.server.rooms.peek(board.id)
    removeShape(author, 'shape:now-cell')
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:now-cell') === false,
      'the server to see the deletion',
    )

    const res = await app.rest.post(`/api/boards/${board.id}/fork`, board.tokens.editor, {
      versionId: version.id,
      title: 'Variant B',
    })
    expect(res.status).toBe(201)
    const fork = createBoardResponseSchema.parse(await res.json())
    expect(fork.title).toBe('Variant B')
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${fork.id}`, fork.tokens.viewer)).json(),
    )
    expect(info.origin).toEqual({ boardId: board.id, versionId: version.id })
    const copy = await app.client(fork.id, fork.tokens.viewer)
    expect(recordsOf(copy)).toEqual(sortById(tldrawRecords('now')))
  })

  it('keeps a long title within the limit and refuses unknown versions and bad bodies', async () => {
    const board = await createTestBoard(app.url, 'x'.repeat(120))
    const fork = createBoardResponseSchema.parse(
      await (await app.rest.post(`/api/boards/${board.id}/fork`, board.tokens.viewer)).json(),
    )
    expect(fork.title).toBe(`Copy of ${'x'.repeat(112)}`)
    const before = (await app.server.store.listBoards()).length
    const path = `/api/boards/${board.id}/fork`
    await expectError(
      await app.rest.post(path, board.tokens.viewer, { versionId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
      404,
      'version_not_found',
    )
    await expectError(
      await app.rest.post(path, board.tokens.viewer, { versionId: 'bad' }),
      400,
      'bad_request',
    )
    await expectError(await app.rest.post(path, board.tokens.viewer, { title: '' }), 400, 'bad_request')
    await expectError(await app.rest.post(path, board.tokens.viewer, { owner: 'me' }), 400, 'bad_request')
    await expectError(await app.rest.post(path, 'AAAAAAAAAAAAAAAAAAAAAA'), 401, 'unauthorized')
    expect((await app.server.store.listBoards()).length).toBe(before)
  })
})
