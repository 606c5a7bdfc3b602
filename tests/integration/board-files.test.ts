import { describe, expect, it } from 'vitest'
import { BOARD_FILE_FORMAT, type BoardFile, boardFileSchema } from '../../shared/protocol/board-file'
import { boardInfoSchema, createBoardResponseSchema } from '../../shared/protocol/rest'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { type SessionState, sessionStateSchema } from '../../shared/session/session-state'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import {
  drawContent,
  recordsOf,
  removeShape,
  sortById,
  TLDRAW_SCHEMA,
  tldrawRecords,
} from './saved-boards-kit'

describe('board files: export and import', () => {
  // this suite imports more files from one address than a real person would in a minute
  const app = useTestServer({ boardImportLimit: 100 })

  /** A board from a template, drawn on, with a scenario at step 2, a presented article and a timer running. */
  async function livelyBoard() {
    const board = await createTestBoard(app.url, 'Cells exercise', 'cell-based')
    const author = await app.client(board.id, board.tokens.facilitator)
    drawContent(author, { schema: TLDRAW_SCHEMA, records: tldrawRecords('file') })
    author.doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.startTemplateKey, 'cell-based')
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.metaMap).has(BOARD_DOC.startTemplateKey) === true,
      'drawing',
    )
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const intents = [
      { type: 'sim:load', scenarioId: 'cells-poison-tenant' },
      { type: 'sim:step' },
      { type: 'sim:step' },
      { type: 'timer:start', minutes: 5 },
      { type: 'article:present', articleId: 'kappa-architecture', sectionId: 'tradeoffs' },
      { type: 'editing:lock', locked: true },
    ] as const
    for (const intent of intents) expect(await ana.intent(intent as never)).toEqual({ ok: true })
    return { board, author, ana }
  }

  const exportFile = async (boardId: string, token: string) => {
    const res = await app.rest.get(`/api/boards/${boardId}/export`, token)
    expect(res.status).toBe(200)
    return { res, file: boardFileSchema.parse(await res.json()) }
  }

  it('round-trips every record, the template and the session into a new board', async () => {
    const { board, author } = await livelyBoard()
    const { res, file } = await exportFile(board.id, board.tokens.viewer)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Cells-exercise.lockstep.json"')
    expect(file).toMatchObject({
      format: BOARD_FILE_FORMAT,
      formatVersion: 1,
      title: 'Cells exercise',
      templateId: 'cell-based',
    })
    expect(sortById(file.content.records)).toEqual(recordsOf(author))
    const exported = sessionStateSchema.parse(file.session)
    expect(exported.sim).toMatchObject({ scenarioId: 'cells-poison-tenant', step: 2 })
    expect(exported.roleGrants).toEqual({})

    const before = (await app.server.store.listBoards()).length
    const imported = await app.rest.post('/api/boards/import', undefined, JSON.stringify(file))
    expect(imported.status).toBe(201)
    const created = createBoardResponseSchema.parse(await imported.json())
    expect((await app.server.store.listBoards()).length).toBe(before + 1)
    // the copy is told apart from its original by the day it was imported (UTC)
    expect(created.title).toMatch(/^Cells exercise \(imported \d{1,2} [A-Z][a-z]{2}\)$/)
    const info = boardInfoSchema.parse(
      await (await app.rest.get(`/api/boards/${created.id}`, created.tokens.facilitator)).json(),
    )
    expect(info).toMatchObject({ role: 'facilitator', templateId: 'cell-based', origin: null })

    const copy = await app.client(created.id, created.tokens.viewer)
    expect(recordsOf(copy)).toEqual(recordsOf(author))
    expect(copy.doc.getMap(BOARD_DOC.metaMap).get(BOARD_DOC.schemaKey)).toEqual(TLDRAW_SCHEMA)
    expect(copy.doc.getMap(BOARD_DOC.metaMap).get(BOARD_DOC.startTemplateKey)).toBe('cell-based')

    const session = sessionStateSchema.parse(await app.server.store.loadSessionState(created.id))
    expect(session.sim).toEqual({ ...exported.sim, playing: false })
    expect(session.editingLocked).toBe(true)
    expect(session.presentation).toEqual({ articleId: 'kappa-architecture', sectionId: 'tradeoffs' })
    expect(session.timer).toBeNull() // a countdown on another server's clock means nothing here

    // And the new board exports the same content again: nothing lost on the way.
    const again = await exportFile(created.id, created.tokens.facilitator)
    expect(sortById(again.file.content.records)).toEqual(sortById(file.content.records))
    expect(again.file.content.schema).toEqual(file.content.schema)
  })

  it('exports what the live document and session hold right now', async () => {
    const { board, author, ana } = await livelyBoard()
    removeShape(author, 'shape:file-cell')
    const room = await app.server.rooms.peek(board.id)
    await waitUntil(
      () => room?.doc.getMap(BOARD_DOC.recordsMap).has('shape:file-cell') === false,
      'the deletion',
    )
    expect(await ana.intent({ type: 'sim:step' })).toEqual({ ok: true })
    const { file } = await exportFile(board.id, board.tokens.editor)
    expect(file.content.records.map((r) => r.id)).not.toContain('shape:file-cell')
    expect(sessionStateSchema.parse(file.session).sim?.step).toBe(3)
  })

  it('drops a scenario this server does not know, and resets what belonged to the other server', async () => {
    const { board } = await livelyBoard()
    const { file } = await exportFile(board.id, board.tokens.facilitator)
    const session = sessionStateSchema.parse(file.session)
    const foreign: SessionState = {
      ...session,
      sim: session.sim && { ...session.sim, scenarioId: 'no-such-scenario', playing: true },
      roleGrants: { 'someone-elses-key-123': 'facilitator' },
      follow: { leaderId: 'socket-1', leaderName: 'Ana' },
      presentation: { articleId: 'kappa-architecture', sectionId: 'no-such-section' },
      checkpoint: {
        id: 'c1',
        question: 'Which cell?',
        options: ['1', '2'],
        status: 'open',
        votes: { k: 1 },
        anonymous: false,
      },
    }
    const res = await app.rest.post('/api/boards/import', undefined, { ...file, session: foreign })
    expect(res.status).toBe(201)
    const created = createBoardResponseSchema.parse(await res.json())
    const stored = sessionStateSchema.parse(await app.server.store.loadSessionState(created.id))
    expect(stored).toMatchObject({
      sim: null,
      roleGrants: {},
      follow: null,
      checkpoint: null,
      presentation: null,
      editingLocked: true,
    })
  })

  it('refuses what is not a valid board file with a clear message, and creates nothing', async () => {
    const { board } = await livelyBoard()
    const { file } = await exportFile(board.id, board.tokens.facilitator)
    const before = (await app.server.store.listBoards()).length
    const [first, ...rest_] = file.content.records
    const cases: Array<{ body: unknown; status: number; code: string; says?: RegExp }> = [
      { body: '{"format":"lockstep-board",', status: 400, code: 'invalid_json' },
      { body: '', status: 400, code: 'bad_request', says: /not a Lockstep board file/ },
      { body: { hello: 'world' }, status: 400, code: 'bad_request', says: /not a Lockstep board file/ },
      { body: [file], status: 400, code: 'bad_request', says: /not a Lockstep board file/ },
      {
        body: { ...file, format: 'excalidraw' },
        status: 400,
        code: 'bad_request',
        says: /not a Lockstep board file/,
      },
      { body: { ...file, formatVersion: 2 }, status: 400, code: 'bad_request', says: /version 2/ },
      { body: { ...file, title: '' }, status: 400, code: 'bad_request', says: /damaged.*title/ },
      { body: { ...file, extra: true }, status: 400, code: 'bad_request', says: /damaged/ },
      {
        body: withRecords(file, [
          ...file.content.records,
          { id: 'shape:bad', typeName: 'shape', type: 'geo', props: 7 },
        ]),
        status: 400,
        code: 'bad_request',
        says: /shape:bad/,
      },
      {
        body: withRecords(file, [...rest_, { ...first, id: 'camera:x', typeName: 'camera' }]),
        status: 400,
        code: 'bad_request',
        says: /damaged/,
      },
      { body: { ...file, session: { seq: 'one' } }, status: 400, code: 'bad_request', says: /session/ },
      {
        body: {
          ...file,
          content: { ...file.content, schema: { schemaVersion: 2, sequences: { 'com.tldraw.shape': 99 } } },
        },
        status: 400,
        code: 'bad_request',
        says: /newer or unknown editor/,
      },
    ]
    for (const { body, status, code, says } of cases) {
      const res = await app.rest.post(
        '/api/boards/import',
        undefined,
        typeof body === 'string' ? body : JSON.stringify(body),
      )
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status)
      const answer = (await res.json()) as { error: { code: string; message: string } }
      expect(answer.error.code).toBe(code)
      if (says) expect(answer.error.message).toMatch(says)
    }
    expect((await app.server.store.listBoards()).length).toBe(before)
  })

  it('refuses a file larger than the limit with 413 and creates nothing', async () => {
    const board = await createTestBoard(app.url)
    const { file } = await exportFile(board.id, board.tokens.facilitator)
    const before = (await app.server.store.listBoards()).length
    const huge = JSON.stringify({ ...file, title: 'Huge', exportedAt: 'x'.repeat(9 * 1024 * 1024) })
    await expectError(await app.rest.post('/api/boards/import', undefined, huge), 413, 'payload_too_large')
    // A file above the API's usual 256 kB but within the board file limit is fine.
    const records = Array.from({ length: 2000 }, (_, i) => ({ ...tldrawRecords(`n${i}`)[2] }))
    const big: BoardFile = withRecords(file, [...tldrawRecords('base').slice(0, 2), ...records])
    expect(JSON.stringify(big).length).toBeGreaterThan(256 * 1024)
    expect((await app.rest.post('/api/boards/import', undefined, JSON.stringify(big))).status).toBe(201)
    expect((await app.server.store.listBoards()).length).toBe(before + 1)
  })
})

function withRecords(file: BoardFile, records: unknown[]): BoardFile {
  return { ...file, content: { ...file.content, records: records as BoardFile['content']['records'] } }
}
