import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard, waitForCountdownBetween } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string, color: string): Promise<void> {
  await page.addInitScript(
    ({ id, name, color }) => {
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color }))
    },
    { id, name, color },
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
  const server = useTestServer()
  const chromium = useChromium()

  it('shares a timer, promotes a viewer to editor and locks editing', async () => {
    const board = await createTestBoard(server.url, 'Session tools')
    if (!board.urls.facilitator || !board.urls.viewer)
      throw new Error('the board has no facilitator or viewer link')

    const ana = await chromium.open(server.url)
    await nameThisBrowser(ana.page, 'e2e-ana-facilitator', 'Ana Facilitator', '#e03131')
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    await ana.page.getByTestId('dock-tab-session').click()

    const ben = await chromium.open(server.url)
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
