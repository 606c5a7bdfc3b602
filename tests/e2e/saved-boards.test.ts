import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { boardFileSchema } from '../../shared/protocol/board-file'
import { drawRectangle, shapeCount, useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { sleep } from '../support/wait'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const TEMPLATE = 'cell-based'
const SCENARIO = 'cells-poison-tenant'

/** Opens the Board menu and picks one of its items. */
async function fromBoardMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId('board-menu-button').click()
  await page.getByTestId(`board-menu-${item}`).click()
}

/** Runs the Export dialog and returns the downloaded file's name and bytes. */
async function exportFile(
  page: Page,
  choice: { format: 'png' | 'svg' | 'board-file'; overlay?: boolean; scope?: 'page' | 'selection' },
): Promise<{ name: string; bytes: Buffer }> {
  await fromBoardMenu(page, 'export')
  await page.getByTestId(`export-format-${choice.format}`).check()
  if (choice.scope) await page.getByTestId(`export-scope-${choice.scope}`).check()
  if (choice.overlay !== undefined) await page.getByTestId('export-overlay').setChecked(choice.overlay)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId('export-download').click(),
  ])
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' })
  const file = await download.path()
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) }
}

const isPng = (bytes: Buffer) =>
  bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)

/** A shape as a person sees it, without ids or z-order keys that a copy renumbers. */
const shapeLooks = (page: Page) =>
  page.evaluate(() =>
    (window.lockstepEditor?.getCurrentPageShapes() ?? [])
      .map((s) => ({ type: s.type, x: Math.round(s.x), y: Math.round(s.y), props: s.props }))
      .sort((a, b) => a.x - b.x || a.y - b.y),
  )

/** Waits until a page shows exactly these shapes (remote moves may arrive after the shapes themselves). */
async function waitForLooks(page: Page, looks: Awaited<ReturnType<typeof shapeLooks>>): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      JSON.stringify(
        (window.lockstepEditor?.getCurrentPageShapes() ?? [])
          .map((s) => ({ type: s.type, x: Math.round(s.x), y: Math.round(s.y), props: s.props }))
          .sort((a, b) => a.x - b.x || a.y - b.y),
      ) === expected,
    JSON.stringify(looks),
    { timeout: 10_000 },
  )
}

/** The board id and token of a board page's URL. */
function boardOfUrl(url: string): { id: string; token: string } {
  const match = /\/b\/([A-Za-z0-9_-]{22})#k=([A-Za-z0-9_-]+)$/.exec(url)
  if (!match?.[1] || !match[2]) throw new Error(`not a board link: ${url}`)
  return { id: match[1], token: match[2] }
}

/** Records every connection state a board page shows from now on, to prove it never dropped. */
async function recordConnectionStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const badgeState = () =>
      document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state')
    const seen: string[] = [badgeState() ?? 'none']
    Object.assign(window, { lockstepSeenStates: seen, lockstepDocAtStart: window.lockstepDoc })
    new MutationObserver(() => {
      const state = badgeState() ?? 'none'
      if (seen.at(-1) !== state) seen.push(state)
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { lockstepSeenStates: string[]; lockstepDocAtStart: unknown }
      return window.lockstepDoc === w.lockstepDocAtStart ? w.lockstepSeenStates : ['a new document']
    })
}

/** Selects the cells scenario in the Simulation tab and waits for its first step on the canvas. */
async function runCellsScenario(page: Page): Promise<void> {
  await page.getByTestId('dock-tab-simulation').click()
  await page.getByTestId(`load-scenario-${SCENARIO}`).click()
  await page.locator('[data-testid="sim-halo"]').first().waitFor({ timeout: 15_000 })
}

describe('saved boards on the board page in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  const foreign: string[][] = []

  const person = async () => {
    const opened = await chromium.open(server.url)
    foreign.push(opened.foreignRequests)
    return opened.page
  }
  const openBoard = async (page: Page, link: string) => {
    await page.goto(`${server.url}${link}`)
    await waitForBoard(page)
  }

  it('exports PNG and SVG of the page and the selection, with and without the simulation overlay, and the board file', async () => {
    const board = await createTestBoard(server.url, 'Cells export', TEMPLATE)
    const ana = await person()
    await openBoard(ana, board.urls.facilitator)
    await ana.waitForFunction(
      () => (window.lockstepEditor?.getCurrentPageShapes().length ?? 0) > 5,
      undefined,
      {
        timeout: 15_000,
      },
    )

    const png = await exportFile(ana, { format: 'png' })
    expect(png.name).toBe('cells-export.png')
    expect(isPng(png.bytes)).toBe(true)

    const label = await ana.evaluate(() => {
      const editor = window.lockstepEditor
      const box = editor
        ?.getCurrentPageShapes()
        .find((s) => s.type === 'geo' && s.meta.nodeId === 'cell-router')
      return box && editor ? editor.getShapeUtil(box).getText(box) : null
    })
    expect(label).toBeTruthy()
    const svg = (await exportFile(ana, { format: 'svg' })).bytes.toString('utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain(String(label).split(/\s+/)[0])
    expect(svg).not.toContain('simulation-overlay')

    // No simulation yet: the overlay cannot be asked for.
    await fromBoardMenu(ana, 'export')
    expect(await ana.getByTestId('export-overlay').isDisabled()).toBe(true)
    await ana.keyboard.press('Escape')

    await runCellsScenario(ana)
    const withOverlay = await exportFile(ana, { format: 'png', overlay: true })
    const withoutOverlay = await exportFile(ana, { format: 'png', overlay: false })
    expect(isPng(withOverlay.bytes)).toBe(true)
    expect(isPng(withoutOverlay.bytes)).toBe(true)
    expect(withOverlay.bytes.equals(withoutOverlay.bytes)).toBe(false)
    const overlaySvg = (await exportFile(ana, { format: 'svg', overlay: true })).bytes.toString('utf8')
    expect(overlaySvg).toContain('data-lockstep="simulation-overlay"')
    expect(overlaySvg).toMatch(/data-node-id="cell-router" data-health="\w+"/)

    // The selection alone: one box, so its picture is smaller than the page's.
    await ana.evaluate(() => {
      const editor = window.lockstepEditor
      const box = editor
        ?.getCurrentPageShapes()
        .find((s) => s.type === 'geo' && s.meta.nodeId === 'cell-router')
      if (box) editor?.select(box.id)
    })
    const selection = await exportFile(ana, { format: 'svg', scope: 'selection', overlay: false })
    expect(selection.name).toBe('cells-export-selection.svg')
    expect(selection.bytes.length).toBeLessThan(svg.length)

    const file = boardFileSchema.parse(
      JSON.parse((await exportFile(ana, { format: 'board-file' })).bytes.toString('utf8')),
    )
    expect(file.title).toBe('Cells export')
    const shapes = await shapeCount(ana)
    expect(file.content.records.filter((r) => r.typeName === 'shape')).toHaveLength(shapes)
  })

  it('restores a saved version for everyone as one change that Ctrl+Z takes back, with nobody disconnected', async () => {
    const ana = await person()
    const ben = await person()
    const board = await createTestBoard(server.url, 'Restore me')
    await openBoard(ana, board.urls.facilitator)
    await openBoard(ben, board.urls.editor)

    await drawRectangle(ana, { x: 420, y: 300 })
    await waitForShapeCount(ben, 1)
    await fromBoardMenu(ana, 'save-version')
    await ana.getByTestId('save-version-dialog-input').fill('One box')
    await ana.getByTestId('save-version-dialog-submit').click()
    await ana.getByTestId('save-version-dialog').waitFor({ state: 'detached' })
    const saved = await shapeLooks(ana)

    // The board keeps a picture of itself for the home page, a few seconds after the drawing settles.
    let thumbnail = 0
    for (let tries = 0; tries < 60 && thumbnail !== 200; tries++) {
      const response = await fetch(`${server.url}/api/boards/${board.id}/thumbnail`, {
        headers: { Authorization: `Bearer ${board.tokens.viewer}` },
      })
      thumbnail = response.status
      if (thumbnail !== 200) await sleep(250)
      else expect(response.headers.get('content-type')).toContain('image/png')
    }
    expect(thumbnail).toBe(200)

    // Ben draws a second box and moves the first one: the board is no longer the version.
    await drawRectangle(ben, { x: 420, y: 520 })
    await ben.evaluate(() => {
      const editor = window.lockstepEditor
      const first = editor?.getCurrentPageShapes().sort((a, b) => a.y - b.y)[0]
      if (first) editor?.updateShapes([{ id: first.id, type: first.type, x: first.x + 200 }])
    })
    const edited = await shapeLooks(ben)
    await waitForLooks(ana, edited)
    const benStates = await recordConnectionStates(ben)
    // every Yjs update Ben's document receives from now on: the restore must be exactly one
    await ben.evaluate(() => {
      const counter = { updates: 0 }
      Object.assign(window, { lockstepUpdates: counter })
      window.lockstepDoc?.on('update', () => counter.updates++)
    })
    const benUpdates = () =>
      ben.evaluate(
        () => (window as unknown as { lockstepUpdates: { updates: number } }).lockstepUpdates.updates,
      )

    await fromBoardMenu(ana, 'versions')
    const row = ana.getByTestId('version-row').filter({ hasText: 'One box' })
    await row.getByTestId('version-thumbnail').waitFor()
    await row.getByTestId('version-restore').click()
    await row.getByTestId('version-restore-confirm').click()
    await ana.getByTestId('versions-dialog').waitFor({ state: 'detached' })
    expect(await ana.getByTestId('board-notice').textContent()).toContain('Restored “One box”')

    for (const page of [ana, ben]) await waitForShapeCount(page, 1)
    expect(await shapeLooks(ben)).toEqual(saved)
    expect(await shapeLooks(ana)).toEqual(saved)
    expect(await benUpdates()).toBe(1)

    // One undo on Ana's tab takes the whole restore back, for Ben too. (No click first: clicking
    // the canvas would clear her selection, and that would be the undo's first step.)
    await ana.keyboard.press('Control+z')
    for (const page of [ana, ben]) await waitForShapeCount(page, 2)
    await waitForLooks(ben, edited)
    await waitForLooks(ana, edited)
    expect(await benUpdates()).toBe(2)
    expect(await benStates()).toEqual(['connected'])
    expect(await ben.getByTestId('connection-state').getAttribute('data-state')).toBe('connected')
  })

  it('opens a version read-only, restores it from there, and shows a rename to everyone at once', async () => {
    const ana = await person()
    const ben = await person()
    const board = await createTestBoard(server.url, 'Versions page')
    await openBoard(ana, board.urls.facilitator)
    await openBoard(ben, board.urls.viewer)

    await drawRectangle(ana, { x: 420, y: 300 })
    await fromBoardMenu(ana, 'save-version')
    await ana.getByTestId('save-version-dialog-input').fill('Just one')
    await ana.getByTestId('save-version-dialog-submit').click()
    await ana.getByTestId('save-version-dialog').waitFor({ state: 'detached' })
    await drawRectangle(ana, { x: 420, y: 520 })
    await waitForShapeCount(ben, 2)

    await fromBoardMenu(ana, 'versions')
    await ana.getByTestId('version-row').filter({ hasText: 'Just one' }).getByTestId('version-open').click()
    await ana.waitForURL(/\/b\/[A-Za-z0-9_-]{22}\/v\/[A-Za-z0-9_-]{22}#k=/)
    expect(await ana.getByTestId('saved-view-title').textContent()).toBe('Versions page')
    expect(await ana.getByTestId('saved-view-detail').textContent()).toContain('Just one')
    await waitForShapeCount(ana, 1)
    expect(await ana.evaluate(() => window.lockstepEditor?.getInstanceState().isReadonly)).toBe(true)

    await ana.getByTestId('version-page-restore').click()
    await ana.getByTestId('version-page-restore-confirm').click()
    await ana.waitForURL(`**/b/${board.id}#k=${board.tokens.facilitator}`)
    await waitForBoard(ana)
    await ana.getByTestId('board-notice').filter({ hasText: 'Restored “Just one”' }).waitFor()
    for (const page of [ana, ben]) await waitForShapeCount(page, 1)

    await fromBoardMenu(ana, 'rename')
    await ana.getByTestId('rename-dialog-input').fill('Versions page, renamed')
    await ana.getByTestId('rename-dialog-submit').click()
    for (const page of [ana, ben]) {
      await page.getByTestId('board-title').filter({ hasText: 'Versions page, renamed' }).waitFor()
    }
    // a viewer is offered only what a viewer may do
    await ben.getByTestId('board-menu-button').click()
    expect(await ben.getByTestId('board-menu-rename').count()).toBe(0)
    expect(await ben.getByTestId('board-menu-delete').count()).toBe(0)
    expect(await ben.getByTestId('board-menu-fork').count()).toBe(1)
  })

  it('replaces links: a tab on the old editor link is told why it stopped, and the facilitator moves to the new link', async () => {
    const ana = await person()
    const ben = await person()
    const board = await createTestBoard(server.url, 'Rotate me')
    await openBoard(ana, board.urls.facilitator)
    await openBoard(ben, board.urls.editor)

    await ana.getByTestId('share-button').click()
    const oldEditorLink = await ana.getByTestId('share-link-editor').inputValue()
    await ana.getByTestId('replace-link-editor').click()
    await ana.getByTestId('confirm-replace-editor').click()
    await ana.waitForFunction(
      (old) =>
        (document.querySelector('[data-testid="share-link-editor"]') as HTMLInputElement)?.value !== old,
      oldEditorLink,
    )
    const newEditorLink = await ana.getByTestId('share-link-editor').inputValue()
    expect(newEditorLink).toContain(`/b/${board.id}#k=`)

    // the tab on the old link says so across the page, with nothing of the live board left
    await ben.getByTestId('link-ended').waitFor({ timeout: 15_000 })
    expect(await ben.getByTestId('link-ended').textContent()).toContain('This link no longer works')

    const cleo = await person()
    await cleo.goto(newEditorLink)
    await waitForBoard(cleo)
    await drawRectangle(cleo, { x: 420, y: 300 })
    await waitForShapeCount(ana, 1)

    // Replacing the facilitator's own link moves this tab to the new one, which keeps working.
    await ana.getByTestId('replace-link-facilitator').click()
    await ana.getByTestId('confirm-replace-facilitator').click()
    await ana.waitForURL((url) => url.hash !== `#k=${board.tokens.facilitator}`)
    const moved = boardOfUrl(ana.url())
    expect(moved.id).toBe(board.id)
    expect(moved.token).not.toBe(board.tokens.facilitator)
    await waitForBoard(ana)
    await waitForShapeCount(ana, 1)
    const remembered = await ana.evaluate(() => window.localStorage.getItem('lockstep:boards') ?? '')
    expect(remembered).toContain(moved.token)
    expect(remembered).not.toContain(board.tokens.facilitator)
    const old = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
    })
    expect(old.status).toBe(401)
  })

  it('forks the board for an editor into a new tab, where they facilitate a copy with the same shapes', async () => {
    const ana = await person()
    const ben = await person()
    const board = await createTestBoard(server.url, 'Fork me')
    await openBoard(ana, board.urls.facilitator)
    await drawRectangle(ana, { x: 420, y: 300 })
    await drawRectangle(ana, { x: 420, y: 520 })
    await openBoard(ben, board.urls.editor)
    await waitForShapeCount(ben, 2)
    const looks = await shapeLooks(ben)
    const benAt = ben.url()

    // It asks first; cancelling makes nothing.
    await fromBoardMenu(ben, 'fork')
    await ben.getByTestId('fork-dialog').getByRole('button', { name: 'Cancel' }).click()
    await ben.getByTestId('fork-dialog').waitFor({ state: 'detached' })
    await fromBoardMenu(ben, 'fork')
    const [copy] = await Promise.all([
      ben.context().waitForEvent('page'),
      ben.getByTestId('fork-confirm').click(),
    ])
    await copy.waitForURL((url) => !url.pathname.includes(board.id) && url.pathname.startsWith('/b/'))
    const fork = boardOfUrl(copy.url())
    await waitForBoard(copy)
    await waitForShapeCount(copy, 2)
    expect(await shapeLooks(copy)).toEqual(looks)
    await copy.getByTestId('board-menu-button').click()
    await copy.getByTestId('board-menu-rename').waitFor()
    const info = await fetch(`${server.url}/api/boards/${fork.id}`, {
      headers: { Authorization: `Bearer ${fork.token}` },
    })
    expect(((await info.json()) as { role: string }).role).toBe('facilitator')
    expect(await copy.evaluate(() => window.localStorage.getItem('lockstep:boards') ?? '')).toContain(fork.id)
    // Ben's own tab stays in the live session, and the original is untouched by the copy.
    await ben.getByTestId('fork-dialog').waitFor({ state: 'detached' })
    expect(ben.url()).toBe(benAt)
    expect(await ben.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe('connected')
    expect(await shapeCount(ana)).toBe(2)
    await copy.close()
  })

  it('publishes a version whose link keeps showing it after the board changed, and copies it', async () => {
    const ana = await person()
    const board = await createTestBoard(server.url, 'Publish me')
    await openBoard(ana, board.urls.facilitator)
    await drawRectangle(ana, { x: 420, y: 300 })
    await fromBoardMenu(ana, 'save-version')
    await ana.getByTestId('save-version-dialog-input').fill('Frozen')
    await ana.getByTestId('save-version-dialog-submit').click()
    await ana.getByTestId('save-version-dialog').waitFor({ state: 'detached' })

    await fromBoardMenu(ana, 'versions')
    const row = ana.getByTestId('version-row').filter({ hasText: 'Frozen' })
    await row.getByTestId('version-publish').click()
    const link = await row.getByTestId('published-link').inputValue()
    expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}#k=/)
    await ana.keyboard.press('Escape')
    await drawRectangle(ana, { x: 420, y: 520 })
    await drawRectangle(ana, { x: 680, y: 620 })
    await waitForShapeCount(ana, 3)

    const cleo = await person()
    await cleo.goto(link)
    await cleo.getByTestId('saved-view-title').filter({ hasText: 'Publish me' }).waitFor()
    expect(await cleo.getByTestId('saved-view-detail').textContent()).toContain('Frozen')
    await waitForShapeCount(cleo, 1)

    const [download] = await Promise.all([
      cleo.waitForEvent('download'),
      cleo.getByTestId('published-download').click(),
    ])
    const file = boardFileSchema.parse(JSON.parse(fs.readFileSync(await download.path(), 'utf8')))
    expect(file.content.records.filter((r) => r.typeName === 'shape')).toHaveLength(1)

    await cleo.getByTestId('published-copy').click()
    await cleo.waitForURL(/\/b\/[A-Za-z0-9_-]{22}#k=/)
    await waitForBoard(cleo)
    await waitForShapeCount(cleo, 1)
    expect(boardOfUrl(cleo.url()).id).not.toBe(board.id)
  })

  it('deletes the board for everyone after a confirmation naming it', async () => {
    const ana = await person()
    const ben = await person()
    const board = await createTestBoard(server.url, 'Delete me')
    await openBoard(ana, board.urls.facilitator)
    await openBoard(ben, board.urls.editor)
    await fromBoardMenu(ana, 'delete')
    expect(await ana.getByTestId('delete-board-dialog').textContent()).toContain(
      'Delete “Delete me” for everyone?',
    )
    await ana.getByTestId('delete-board-confirm').click()
    await ana.waitForURL(`${server.url}/`)
    expect(await ana.evaluate(() => window.localStorage.getItem('lockstep:boards') ?? '')).not.toContain(
      board.id,
    )
    const badge = ben.locator('[data-testid="connection-state"][data-state="refused"]')
    await badge.waitFor({ timeout: 15_000 })
    expect(await badge.textContent()).toContain('does not exist')
  })

  it('fetched nothing from outside our own server', () => {
    expect(foreign.flat()).toEqual([])
  })
})
