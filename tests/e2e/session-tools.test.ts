import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPerson, waitForBoard } from '../support/browser'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string, color: string): Promise<void> {
  await page.addInitScript(
    ({ id, name, color }) => {
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color }))
    },
    { id, name, color },
  )
}

/** Seconds shown on the top bar's timer, or null while none is shown. */
async function waitForCountdownBetween(page: Page, minSeconds: number, maxSeconds: number): Promise<void> {
  await page.waitForFunction(
    ({ minSeconds, maxSeconds }) => {
      const text = document.querySelector('[data-testid="session-timer"]')?.textContent ?? ''
      const match = /^(\d+):(\d\d)$/.exec(text.trim())
      if (!match) return false
      const seconds = Number(match[1]) * 60 + Number(match[2])
      return seconds >= minSeconds && seconds <= maxSeconds
    },
    { minSeconds, maxSeconds },
    { timeout: 15_000 },
  )
}

const isReadonly = (page: Page, readonly: boolean) =>
  page.waitForFunction(
    (readonly) => window.lockstepEditor?.getInstanceState().isReadonly === readonly,
    readonly,
    {
      timeout: 15_000,
    },
  )

describe('session tools in Chromium', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (server) removeDir(server.dataDir)
  })

  it('shares a timer, promotes a viewer to editor and locks editing', async () => {
    const board = await createTestBoard(server.url, 'Session tools')
    if (!board.urls.facilitator || !board.urls.viewer)
      throw new Error('the board has no facilitator or viewer link')

    const ana = await openPerson(browser, server.url)
    await nameThisBrowser(ana.page, 'e2e-ana-facilitator', 'Ana Facilitator', '#e03131')
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    await ana.page.getByTestId('dock-tab-session').click()

    const ben = await openPerson(browser, server.url)
    await nameThisBrowser(ben.page, 'e2e-ben-viewer', 'Ben Viewer', '#1971c2')
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)
    await isReadonly(ben.page, true)

    // A 10-minute timer: the viewer counts down from the server's end time, also after a reload.
    await ana.page.getByTestId('timer-preset-10').click()
    await waitForCountdownBetween(ben.page, 9 * 60, 10 * 60)
    await ben.page.reload()
    await waitForBoard(ben.page)
    await waitForCountdownBetween(ben.page, 9 * 60, 10 * 60)

    // Promote Ben: his canvas becomes editable without a reload, and his shape reaches Ana.
    const benRow = ana.page.locator('[data-testid="session-person"]', { hasText: 'Ben Viewer' })
    await benRow.getByTestId('role-menu').selectOption('editor')
    await isReadonly(ben.page, false)
    await ben.page.evaluate(() => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      editor.createShape({
        id: 'shape:from-ben' as never,
        type: 'geo',
        x: 40,
        y: 40,
        props: { w: 120, h: 80 },
      })
    })
    await ana.page.waitForFunction(
      () => window.lockstepEditor?.getCurrentPageShapes().some((s) => s.id === 'shape:from-ben'),
      undefined,
      { timeout: 15_000 },
    )

    // Lock editing: Ben, now an editor, is read-only again and told why.
    // The box reflects the server's state, so it turns checked only once the server has the lock.
    await ana.page.getByTestId('lock-editing').click()
    await ana.page.locator('[data-testid="lock-editing"]:checked').waitFor()
    await isReadonly(ben.page, true)
    await ben.page.getByTestId('view-only-badge').filter({ hasText: 'Editing locked by' }).waitFor()
    // the facilitator still edits
    expect(await ana.page.evaluate(() => window.lockstepEditor?.getInstanceState().isReadonly)).toBe(false)
  }, 120_000)
})
