import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

const LONG_TITLE = 'Cells in 45 minutes — Thursday study group for the platform and SRE teams, room 4'
const WIDTHS = [1024, 1280, 1440]

interface Box {
  testId: string
  left: number
  right: number
  top: number
  bottom: number
}

/** The on-screen boxes of the title button and of every badge in the top bar. */
function barBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('.board-bar')
    if (!bar) throw new Error('no top bar')
    const parts = [bar.querySelector('[data-testid="board-menu-button"]'), ...bar.querySelectorAll('.badge')]
    const templates = bar.querySelector('[data-testid="insert-template"]')
    if (templates) parts.push(templates)
    return parts.flatMap((element) => {
      if (!element) return []
      const r = element.getBoundingClientRect()
      const testId = element.getAttribute('data-testid') ?? element.className
      return [{ testId, left: r.left, right: r.right, top: r.top, bottom: r.bottom }]
    })
  })
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
}

/** Fails if any two parts of the bar overlap, or one leaves the window. */
async function expectNothingCovered(page: Page, width: number, who: string): Promise<void> {
  const boxes = await barBoxes(page)
  expect(boxes.length, `${who} at ${width}px sees the title and at least two badges`).toBeGreaterThanOrEqual(
    3,
  )
  for (const [i, a] of boxes.entries()) {
    expect(a.left, `${a.testId} starts on screen (${who}, ${width}px)`).toBeGreaterThanOrEqual(0)
    expect(a.right, `${a.testId} ends on screen (${who}, ${width}px)`).toBeLessThanOrEqual(width)
    for (const b of boxes.slice(i + 1)) {
      expect(overlaps(a, b), `${a.testId} and ${b.testId} overlap (${who}, ${width}px)`).toBe(false)
    }
  }
}

describe('the board top bar in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('never covers a badge with a long title at 1024, 1280 and 1440 px, and shortens the title with a tooltip', async () => {
    const board = await createTestBoard(server.url, LONG_TITLE, 'cell-based')
    if (!board.urls.facilitator || !board.urls.editor) throw new Error('the board lacks a link')

    const ana = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    const ben = await chromium.open(server.url)
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ben.page)

    // The busiest bar: a running timer for both, and "Editing locked by…" for the editor.
    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('timer-preset-10').click()
    await ana.page.getByTestId('lock-editing').click()
    await ana.page.locator('[data-testid="lock-editing"]:checked').waitFor()
    await ben.page.getByTestId('view-only-badge').filter({ hasText: 'Editing locked by' }).waitFor()
    await ben.page.getByTestId('session-timer').waitFor()
    await ana.page.getByTestId('session-timer').waitFor()

    for (const width of WIDTHS) {
      for (const [who, page] of [
        ['facilitator', ana.page],
        ['editor', ben.page],
      ] as const) {
        await page.setViewportSize({ width, height: 800 })
        await page.waitForFunction((w) => document.documentElement.clientWidth === w, width)
        await expectNothingCovered(page, width, who)
        const title = page.getByTestId('board-title')
        const truncated = await title.evaluate((el) => el.scrollWidth > el.clientWidth)
        expect(truncated, `the long title is shortened (${who}, ${width}px)`).toBe(true)
        expect(await page.getByTestId('board-menu-button').getAttribute('title')).toContain(LONG_TITLE)
      }
    }
  }, 120_000)
})
