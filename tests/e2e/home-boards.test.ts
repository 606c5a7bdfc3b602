import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { drawRectangle, useChromium, waitForBoard } from '../support/browser'
import { useTestServer } from '../support/use-test-server'
import { sleep } from '../support/wait'

/** A shape as the person sees it, without ids or z-order keys that an import may renumber. */
interface ShapeLook {
  type: string
  x: number
  y: number
  props: unknown
}

const shapeLooks = (page: Page): Promise<ShapeLook[]> =>
  page.evaluate(() =>
    (window.lockstepEditor?.getCurrentPageShapes() ?? [])
      .map((s) => ({ type: s.type, x: Math.round(s.x), y: Math.round(s.y), props: s.props }))
      .sort((a, b) => a.x - b.x || a.y - b.y),
  )

/** The board id and token of a board page's URL. */
function boardOfUrl(url: string): { id: string; token: string } {
  const match = /\/b\/([A-Za-z0-9_-]{22})#k=([A-Za-z0-9_-]+)/.exec(url)
  if (!match?.[1] || !match[2]) throw new Error(`not a board link: ${url}`)
  return { id: match[1], token: match[2] }
}

/** Polls an async check until it holds; a bound on waiting, not a timing assertion. */
async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await sleep(250)
  }
}

const rowOf = (page: Page, boardId: string) =>
  page.locator(`[data-testid="remembered-board"][data-board-id="${boardId}"]`)

/** Waits until the server has answered for the row's board and the row shows what it said. */
const waitFound = (page: Page, boardId: string) =>
  page.locator(`[data-testid="remembered-board"][data-board-id="${boardId}"][data-status="found"]`).waitFor()

describe('your boards on the home page in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  let page: Page
  /** The board made in the first test: drawn on, renamed, later exported. */
  let made: { id: string; token: string; title: string; shapes: ShapeLook[] } | null = null

  const api = (path: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers },
    })
  const goHome = async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { name: 'Your boards' }).waitFor()
  }

  beforeAll(async () => {
    page = (await chromium.open(server.url)).page
  })

  it('lists a board made, renamed and drawn on here, after a reload, with its title, role, change time and thumbnail', async () => {
    await goHome()
    await page.getByTestId('new-board-title').fill('Payments review')
    await page.getByTestId('new-board').click()
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}#k=/)
    const board = boardOfUrl(page.url())
    await page.getByTestId('share-dialog').waitFor()
    await page.keyboard.press('Escape')
    await waitForBoard(page)

    await goHome()
    const row = rowOf(page, board.id)
    await waitFound(page, board.id)
    await row.getByTestId('rename-board').click()
    await row.getByTestId('rename-board-input').fill('Payments review, take two')
    await row.getByTestId('rename-board-input').press('Enter')
    await row.getByTestId('remembered-board-title').filter({ hasText: 'Payments review, take two' }).waitFor()
    const info = (await (await api(`/api/boards/${board.id}`, board.token)).json()) as { title: string }
    expect(info.title).toBe('Payments review, take two')

    await row.getByTestId('open-board').click()
    await waitForBoard(page)
    await drawRectangle(page, { x: 520, y: 360 })
    await page.waitForFunction(() => window.lockstepEditor?.getCurrentPageShapes().length === 1)
    made = { ...board, title: 'Payments review, take two', shapes: await shapeLooks(page) }

    // the board page uploads a thumbnail a few seconds after the edits settle
    await pollUntil(
      async () => (await api(`/api/boards/${board.id}/thumbnail`, board.token)).status === 200,
      'the board page to upload a thumbnail',
      45_000,
    )

    await goHome()
    await page.reload()
    const listed = rowOf(page, board.id)
    await listed.getByTestId('board-thumbnail').waitFor()
    expect(await listed.getByTestId('remembered-board-title').textContent()).toBe('Payments review, take two')
    expect(await listed.getByTestId('remembered-board-role').textContent()).toBe('Facilitator')
    expect(await listed.getByTestId('remembered-board-when').textContent()).toMatch(
      /^changed (just now|\d+ min ago)$/,
    )
    await listed
      .getByTestId('board-thumbnail')
      .evaluate((img: HTMLImageElement) =>
        img.complete && img.naturalWidth > 0
          ? null
          : new Promise((resolve) => img.addEventListener('load', resolve)),
      )
    const size = await listed
      .getByTestId('board-thumbnail')
      .evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }))
    expect(size.width).toBeGreaterThan(0)
    expect(size.height).toBeGreaterThan(0)
  })

  it('imports an exported board file into a new board with the same shapes, where the importer facilitates', async () => {
    if (!made) throw new Error('needs the board drawn in the first test')
    const exported = await api(`/api/boards/${made.id}/export`, made.token)
    expect(exported.status).toBe(200)
    const file = Buffer.from(await exported.text())

    await goHome()
    await page.getByTestId('import-board-input').setInputFiles({
      name: 'payments-review.json',
      mimeType: 'application/json',
      buffer: file,
    })
    await page.waitForURL(
      (url) => /^\/b\/[A-Za-z0-9_-]{22}$/.test(url.pathname) && !url.pathname.includes(made?.id ?? '-'),
    )
    const imported = boardOfUrl(page.url())
    await waitForBoard(page)
    await page.waitForFunction(
      (count) => window.lockstepEditor?.getCurrentPageShapes().length === count,
      made.shapes.length,
    )
    expect(await shapeLooks(page)).toEqual(made.shapes)

    await goHome()
    const row = rowOf(page, imported.id)
    await waitFound(page, imported.id)
    // told apart from the board it came from: the day of import in its title, the file as its origin
    expect(await row.getByTestId('remembered-board-title').textContent()).toMatch(
      new RegExp(`^${made.title} \\(imported \\d{1,2} [A-Z][a-z]{2}\\)$`),
    )
    expect(await row.getByTestId('remembered-board-origin').textContent()).toBe(
      'Imported from payments-review.json',
    )
    expect(await row.getByTestId('remembered-board-role').textContent()).toBe('Facilitator')
    // newest first: the board just opened comes before the one drawn on earlier
    const order = await page
      .getByTestId('remembered-board')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-board-id')))
    expect(order).toEqual([imported.id, made.id])
  })

  it('refuses a file that is not a board, or too large, and makes no board', async () => {
    chromium.expectError(
      /status of 400 .*\/api\/boards\/import$/,
      'the server refuses the bad file, as it should',
    )
    const before = (await server.server.store.listBoards()).length
    await goHome()
    await page.getByTestId('import-board-input').setInputFiles({
      name: 'shopping.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ list: ['milk', 'bread'], updated: '2026-01-01' })),
    })
    const alert = page.getByTestId('import-board-error')
    await alert.waitFor()
    expect(await alert.getAttribute('role')).toBe('alert')
    expect(await alert.textContent()).toMatch(/not a Lockstep board file/i)

    await page.getByTestId('import-board-input').setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(8 * 1024 * 1024 + 1, 0x20),
    })
    await alert.filter({ hasText: 'larger than 8 MB' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    expect((await server.server.store.listBoards()).length).toBe(before)
  })

  it('deletes a board for everyone only after the facilitator confirms, and its link then says so', async () => {
    chromium.expectError(
      /status of 404 .*\/api\/boards\/[\w-]+$/,
      'the deleted board is not found, as it should be',
    )
    if (!made) throw new Error('needs the board drawn in the first test')
    await goHome()
    const row = rowOf(page, made.id)
    await row.getByTestId('delete-board').click()
    const dialog = page.getByTestId('delete-board-dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').textContent()).toBe(`Delete “${made.title}” for everyone?`)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect((await api(`/api/boards/${made.id}`, made.token)).status).toBe(200)

    await row.getByTestId('delete-board').click()
    await dialog.getByTestId('delete-board-confirm').click()
    await row.waitFor({ state: 'detached' })
    expect((await api(`/api/boards/${made.id}`, made.token)).status).toBe(404)

    await page.goto(`${server.url}/b/${made.id}#k=${made.token}`)
    await page.getByRole('heading', { name: 'This board does not exist' }).waitFor()
  })

  it('keeps a board whose link stopped working listed, dimmed, until it is removed', async () => {
    const res = await api('/api/boards', null, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Short-lived board' }),
    })
    const board = (await res.json()) as { id: string; tokens: { facilitator: string } }
    await page.goto(`${server.url}/b/${board.id}#k=${board.tokens.facilitator}`)
    await waitForBoard(page)
    await goHome()
    await waitFound(page, board.id)
    // deleted elsewhere (another facilitator, another device) while this browser still remembers it
    expect(
      (await api(`/api/boards/${board.id}`, board.tokens.facilitator, { method: 'DELETE' })).status,
    ).toBe(204)

    await page.reload()
    const row = rowOf(page, board.id)
    await row.getByTestId('remembered-board-gone').waitFor()
    expect(await row.getByTestId('remembered-board-gone').textContent()).toBe('This link no longer works')
    expect(await row.getByTestId('open-board').count()).toBe(0)
    await row.getByTestId('forget-board').click()
    await row.waitFor({ state: 'detached' })
  })

  it('still lists remembered boards when the server cannot be asked about them', async () => {
    chromium.expectError(/ERR_INTERNET_DISCONNECTED/, 'the test takes the browser offline')
    await page.route('**/api/boards/lookup', (route) => route.abort('internetdisconnected'))
    try {
      await goHome()
      await page.getByTestId('your-boards-offline').waitFor()
      const rows = page.getByTestId('remembered-board')
      expect(await rows.count()).toBeGreaterThan(0)
      expect(await rows.first().getByTestId('remembered-board-when').textContent()).toMatch(/^opened /)
    } finally {
      await page.unroute('**/api/boards/lookup')
    }
  })
})
