import { describe, expect, it } from 'vitest'
import { DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import { articleSummarySchema } from '../../shared/protocol/articles'
import { boardInfoSchema, createBoardResponseSchema } from '../../shared/protocol/rest'
import { laidOutTemplateSchema, templateSummarySchema } from '../../shared/protocol/templates'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

describe('REST API', () => {
  const app = useTestServer({ tldrawLicenseKey: 'test-licence' })

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${app.url}/api/boards`, { method: 'POST', headers: { 'content-type': contentType }, body })
  const getBoard = (id: string, token?: string) =>
    fetch(`${app.url}/api/boards/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('answers the health check', async () => {
    const res = await fetch(`${app.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('creates a board with three distinct capability links', async () => {
    const res = await post(JSON.stringify({ title: '  Cells workshop ' }))
    expect(res.status).toBe(201)
    const board = createBoardResponseSchema.parse(await res.json())
    expect(board.title).toBe('Cells workshop')
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    const tokens = Object.values(board.tokens)
    expect(new Set(tokens).size).toBe(3)
    expect(board.urls.viewer).toBe(`/b/${board.id}#k=${board.tokens.viewer}`)
  })

  it('gives a default title to an empty body', async () => {
    const res = await post('')
    expect(res.status).toBe(201)
    expect((await res.json()).title).toBe('Untitled board')
  })

  it('refuses invalid JSON, unknown fields, bad titles and oversized bodies with 400/413', async () => {
    await expectError(await post('{"title":'), 400, 'invalid_json')
    await expectError(await post(JSON.stringify({ title: 42 })), 400, 'bad_request')
    await expectError(await post(JSON.stringify({ title: 'x'.repeat(500) })), 400, 'bad_request')
    await expectError(await post(JSON.stringify({ title: 'ok', admin: true })), 400, 'bad_request')
    await expectError(await post(JSON.stringify(['not', 'an', 'object'])), 400, 'bad_request')
    await expectError(await post(JSON.stringify({ title: 'x'.repeat(400_000) })), 413, 'payload_too_large')
    expect((await app.server.store.listBoards()).some((b) => b.title.startsWith('xxx'))).toBe(false)
  })

  it('refuses a template that does not exist', async () => {
    await expectError(
      await post(JSON.stringify({ templateId: 'no-such-template' })),
      404,
      'template_not_found',
    )
  })

  it('tells each role who it is and which links it may share', async () => {
    const board = await createTestBoard(app.url, 'Roles')
    const asFacilitator = boardInfoSchema.parse(
      await (await getBoard(board.id, board.tokens.facilitator)).json(),
    )
    expect(asFacilitator.role).toBe('facilitator')
    expect(asFacilitator.urls).toEqual(board.urls)
    const asEditor = boardInfoSchema.parse(await (await getBoard(board.id, board.tokens.editor)).json())
    expect(asEditor.role).toBe('editor')
    expect(asEditor.urls).toEqual({ editor: board.urls.editor, viewer: board.urls.viewer })
    const asViewer = boardInfoSchema.parse(await (await getBoard(board.id, board.tokens.viewer)).json())
    expect(asViewer).toMatchObject({ role: 'viewer', title: 'Roles', urls: { viewer: board.urls.viewer } })
    expect(asViewer.urls.editor).toBeUndefined()
  })

  it('answers 401 without a valid token and 404 for an unknown board', async () => {
    const board = await createTestBoard(app.url)
    await expectError(await getBoard(board.id), 401, 'unauthorized')
    await expectError(await getBoard(board.id, 'AAAAAAAAAAAAAAAAAAAAAA'), 401, 'unauthorized')
    await expectError(await getBoard(board.id, 'garbage token'), 401, 'unauthorized')
    await expectError(await getBoard('BBBBBBBBBBBBBBBBBBBBBB', board.tokens.editor), 404, 'board_not_found')
    await expectError(await getBoard('not-a-board-id', board.tokens.editor), 400, 'invalid_id')
  })

  it('passes the tldraw licence key to the client at run time', async () => {
    expect(await (await fetch(`${app.url}/api/config`)).json()).toEqual({
      tldrawLicenseKey: 'test-licence',
      boardLimits: DEFAULT_BOARD_LIMITS,
    })
  })

  it('answers unknown API routes with a JSON 404', async () => {
    await expectError(await fetch(`${app.url}/api/nothing-here`), 404, 'not_found')
  })
})

describe('templates API', () => {
  const app = useTestServer()

  it('lists templates with summaries, serves one with its layout and an SVG preview', async () => {
    const list = templateSummarySchema.array().parse(await (await fetch(`${app.url}/api/templates`)).json())
    expect(list.length).toBeGreaterThanOrEqual(12)
    const cells = list.find((t) => t.id === 'cell-based')
    expect(cells).toMatchObject({ topic: 'cloud' })
    const one = laidOutTemplateSchema.parse(await (await fetch(`${app.url}/api/templates/cell-based`)).json())
    expect(Object.keys(one.nodes)).toHaveLength(one.template.nodes.length)
    const svg = await fetch(`${app.url}/api/templates/cell-based/preview.svg`)
    expect(svg.headers.get('content-type')).toContain('image/svg+xml')
    expect(await svg.text()).toMatch(/^<svg[\s\S]*<\/svg>$/)
    expect((await fetch(`${app.url}/api/templates/nope`)).status).toBe(404)
  })

  it('creates a board from a template, titled after it unless given a title', async () => {
    const res = await fetch(`${app.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'kappa-pipeline' }),
    })
    expect(res.status).toBe(201)
    const board = createBoardResponseSchema.parse(await res.json())
    const info = boardInfoSchema.parse(
      await (
        await fetch(`${app.url}/api/boards/${board.id}`, {
          headers: { authorization: `Bearer ${board.tokens.viewer}` },
        })
      ).json(),
    )
    expect(info.templateId).toBe('kappa-pipeline')
    expect(info.title.length).toBeGreaterThan(0)
  })
})

describe('content API', () => {
  const app = useTestServer()

  it('lists articles with their sections and serves one whole, plus concepts and workshops', async () => {
    const list = articleSummarySchema.array().parse(await (await fetch(`${app.url}/api/articles`)).json())
    expect(list.length).toBeGreaterThanOrEqual(12)
    const kappa = list.find((a) => a.id === 'kappa-architecture')
    expect(kappa?.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(['mental-model', 'tradeoffs', 'failure-modes', 'interview-reasoning']),
    )
    const article = await (await fetch(`${app.url}/api/articles/kappa-architecture`)).json()
    expect(article.sections.length).toBeGreaterThanOrEqual(5)
    expect((await fetch(`${app.url}/api/articles/nope`)).status).toBe(404)
    expect(await (await fetch(`${app.url}/api/concepts`)).json()).toHaveLength(10)
    expect((await fetch(`${app.url}/api/workshops`)).status).toBe(200)
  })
})
