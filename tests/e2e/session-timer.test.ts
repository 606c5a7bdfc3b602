import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { secondsShown, useChromium, waitForBoard, waitForCountdownBetween } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

async function waitForTimerState(page: Page, state: 'running' | 'paused' | 'done'): Promise<void> {
  await page.locator(`[data-testid="session-timer"][data-state="${state}"]`).waitFor({ timeout: 15_000 })
}

describe('the shared timer in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('pauses, resumes and extends for everyone, and flashes "Time\'s up" on every screen at zero', async () => {
    const board = await createTestBoard(server.url, 'Timer')
    if (!board.urls.facilitator || !board.urls.viewer) throw new Error('the board lacks a link')
    const ana = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    const ben = await chromium.open(server.url)
    // Ben's screen runs on a clock the test can move, to reach zero without waiting a minute.
    await ben.page.clock.install()
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)

    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('timer-preset-5').click()
    await waitForTimerState(ben.page, 'running')
    expect(await ben.page.getByTestId('session-timer').evaluate((el) => getComputedStyle(el).fontSize)).toBe(
      '16px',
    )

    // Paused: the same time left on every screen, and it stays put.
    await ana.page.getByTestId('timer-pause').click()
    await waitForTimerState(ben.page, 'paused')
    await waitForTimerState(ana.page, 'paused')
    const pausedAt = await secondsShown(ben.page)
    expect(pausedAt).toBeGreaterThan(4 * 60)
    expect(pausedAt).toBeLessThanOrEqual(5 * 60)
    expect(await ben.page.getByTestId('session-timer').textContent()).toMatch(/^Paused \d+:\d\d$/)

    // +1 min while paused adds exactly a minute to what was left.
    await ana.page.getByTestId('timer-add-minute').click()
    await waitForCountdownBetween(ben.page, pausedAt + 60, pausedAt + 60)

    // Resumed, then run to zero on Ben's clock: his screen flashes and says so.
    await ana.page.getByTestId('timer-resume').click()
    await waitForTimerState(ben.page, 'running')
    expect(await ben.page.getByTestId('time-up-flash').count()).toBe(0)
    await ben.page.clock.fastForward((pausedAt + 61) * 1000)
    await waitForTimerState(ben.page, 'done')
    await ben.page.getByTestId('time-up-flash').waitFor()
    expect(await ben.page.getByTestId('session-timer').textContent()).toContain("Time's up")
    // the flash is brief: it leaves the screen by itself
    await ben.page.clock.fastForward(5_000)
    await ben.page.getByTestId('time-up-flash').waitFor({ state: 'detached' })
  }, 120_000)

  it('keeps tldraw’s style panel closed until there is something to style', async () => {
    const board = await createTestBoard(server.url, 'Style panel', 'cell-based')
    if (!board.urls.facilitator) throw new Error('the board lacks a link')
    const ana = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    await ana.page.waitForFunction(() => (window.lockstepEditor?.getCurrentPageShapes().length ?? 0) > 0)
    expect(await ana.page.locator('.tlui-style-panel').count()).toBe(0)
    await ana.page.evaluate(() => {
      const editor = window.lockstepEditor
      const [first] = editor?.getCurrentPageShapes() ?? []
      if (editor && first) editor.select(first.id)
    })
    await ana.page.locator('.tlui-style-panel').waitFor()
    await ana.page.evaluate(() => {
      window.lockstepEditor?.selectNone()
    })
    await ana.page.locator('.tlui-style-panel').waitFor({ state: 'detached' })
  }, 60_000)
})
