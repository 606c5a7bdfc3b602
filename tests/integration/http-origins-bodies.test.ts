import { describe, expect, it } from 'vitest'
import { boardFileSchema } from '../../shared/protocol/board-file'
import { createBoardResponseSchema } from '../../shared/protocol/rest'
import { expectError } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { pngBytes } from './saved-boards-kit'

/** A request as a browser on `origin` would send it; no origin means a script or curl. */
function send(url: string, init: { method?: string; origin?: string; type?: string; body?: BodyInit }) {
  const headers: Record<string, string> = {}
  if (init.origin) headers.origin = init.origin
  if (init.type) headers['content-type'] = init.type
  return fetch(url, { method: init.method ?? 'POST', headers, body: init.body })
}

describe('who may send state-changing requests (default: pages of this server only)', () => {
  const app = useTestServer()
  const boards = async () => (await app.server.store.listBoards()).length
  const ownOrigin = () => new URL(app.url).origin
  const json = JSON.stringify({ title: 'From a page' })

  it('accepts JSON from its own pages and from scripts without an Origin header', async () => {
    const fromPage = await send(`${app.url}/api/boards`, {
      origin: ownOrigin(),
      type: 'application/json',
      body: json,
    })
    expect(fromPage.status).toBe(201)
    const fromScript = await send(`${app.url}/api/boards`, { type: 'application/json', body: json })
    expect(fromScript.status).toBe(201)
  })

  it('refuses a request from a page on another site with 403 and creates nothing', async () => {
    const before = await boards()
    const res = await send(`${app.url}/api/boards`, {
      origin: 'https://evil.example',
      type: 'application/json',
      body: json,
    })
    await expectError(res, 403, 'origin_not_allowed')
    // a body-less POST is a "simple" request a foreign page may send without asking first
    await expectError(
      await send(`${app.url}/api/boards`, { origin: 'https://evil.example' }),
      403,
      'origin_not_allowed',
    )
    await expectError(await send(`${app.url}/api/boards`, { origin: 'null' }), 403, 'origin_not_allowed')
    expect(await boards()).toBe(before)
  })

  it('refuses a foreign page on every state-changing method, not only board creation', async () => {
    const board = await createTestBoard(app.url, 'Target')
    const evil = 'https://evil.example'
    const rename = await fetch(`${app.url}/api/boards/${board.id}`, {
      method: 'PATCH',
      headers: {
        origin: evil,
        'content-type': 'application/json',
        authorization: `Bearer ${board.tokens.facilitator}`,
      },
      body: JSON.stringify({ title: 'Renamed by evil' }),
    })
    await expectError(rename, 403, 'origin_not_allowed')
    const remove = await fetch(`${app.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: { origin: evil, authorization: `Bearer ${board.tokens.facilitator}` },
    })
    await expectError(remove, 403, 'origin_not_allowed')
    expect((await app.server.store.getBoard(board.id))?.title).toBe('Target')
  })

  it('refuses text/plain, form and multipart bodies with 415 (a cross-site form cannot create a board)', async () => {
    const before = await boards()
    const asText = await send(`${app.url}/api/boards`, { type: 'text/plain', body: json })
    const message = (await asText.clone().json()).error.message
    await expectError(asText, 415, 'unsupported_media_type')
    expect(message).toContain('application/json')
    const asForm = await send(`${app.url}/api/boards`, { body: new URLSearchParams({ title: 'x' }) })
    await expectError(asForm, 415, 'unsupported_media_type')
    const multipart = new FormData()
    multipart.set('title', 'x')
    await expectError(await send(`${app.url}/api/boards`, { body: multipart }), 415, 'unsupported_media_type')
    // an empty form still names its type
    await expectError(
      await send(`${app.url}/api/boards`, { type: 'application/x-www-form-urlencoded', body: '' }),
      415,
      'unsupported_media_type',
    )
    const untyped = await fetch(`${app.url}/api/boards`, { method: 'POST', body: new Blob([json]) })
    await expectError(untyped, 415, 'unsupported_media_type')
    expect(await boards()).toBe(before)
  })

  it('refuses a non-JSON body on the other JSON routes too, and still takes body-less POSTs', async () => {
    const board = await createTestBoard(app.url, 'Kept')
    const rename = await fetch(`${app.url}/api/boards/${board.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify({ title: 'Renamed' }),
    })
    await expectError(rename, 415, 'unsupported_media_type')
    expect((await app.server.store.getBoard(board.id))?.title).toBe('Kept')
    const fork = await fetch(`${app.url}/api/boards/${board.id}/fork`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    })
    expect(fork.status).toBe(201)
  })

  it('keeps the thumbnail upload on its own exact type, image/png', async () => {
    const board = await createTestBoard(app.url)
    const editor = board.tokens.editor
    expect((await app.rest.put(`/api/boards/${board.id}/thumbnail`, editor, pngBytes())).status).toBe(204)
    for (const type of ['application/json', 'text/plain', 'application/octet-stream']) {
      const res = await app.rest.put(`/api/boards/${board.id}/thumbnail`, editor, pngBytes(), type)
      await expectError(res, 415, 'unsupported_media_type')
    }
  })

  it('keeps board file import on JSON, and refuses the same file sent as text/plain', async () => {
    const board = await createTestBoard(app.url, 'Exported')
    const file = boardFileSchema.parse(
      await (await app.rest.get(`/api/boards/${board.id}/export`, board.tokens.viewer)).json(),
    )
    const body = JSON.stringify(file)
    const imported = await send(`${app.url}/api/boards/import`, { type: 'application/json', body })
    expect(imported.status).toBe(201)
    expect(createBoardResponseSchema.parse(await imported.json()).title).toMatch(/^Exported \(imported /)
    const before = await boards()
    await expectError(
      await send(`${app.url}/api/boards/import`, { type: 'text/plain', body }),
      415,
      'unsupported_media_type',
    )
    await expectError(
      await send(`${app.url}/api/boards/import`, {
        origin: 'https://evil.example',
        type: 'application/json',
        body,
      }),
      403,
      'origin_not_allowed',
    )
    expect(await boards()).toBe(before)
  })
})

describe('ALLOWED_ORIGINS: exactly the listed origins may send state-changing requests', () => {
  const app = useTestServer({ allowedOrigins: { kind: 'listed', origins: ['https://lockstep.example'] } })
  const json = JSON.stringify({})

  it('accepts a listed origin even when the Host header differs (a proxy in front)', async () => {
    const res = await send(`${app.url}/api/boards`, {
      origin: 'https://lockstep.example',
      type: 'application/json',
      body: json,
    })
    expect(res.status).toBe(201)
  })

  it('refuses an unlisted origin, even the server’s own address', async () => {
    const own = new URL(app.url).origin
    await expectError(
      await send(`${app.url}/api/boards`, { origin: own, type: 'application/json', body: json }),
      403,
      'origin_not_allowed',
    )
  })
})
