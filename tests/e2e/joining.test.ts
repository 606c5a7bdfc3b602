import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

const SCENARIO = 'cells-poison-tenant'

/** Controls on this page's dock and top bar that are shown but cannot be used. */
function disabledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="dock"], .board-bar')].flatMap((root) =>
      [...root.querySelectorAll('button, input, select, textarea, fieldset')]
        .filter((element) => element.matches(':disabled'))
        .map((element) => element.getAttribute('data-testid') ?? element.textContent ?? element.tagName),
    ),
  )
}

describe('joining a board in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('asks a first-time visitor for a name once, and shows letters-only initials to the others', async () => {
    const board = await createTestBoard(server.url, 'Joining', 'cell-based')

    const priya = await chromium.open(server.url, { askName: true })
    await priya.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(priya.page)
    await priya.page.getByTestId('join-name').waitFor()
    await priya.page.getByTestId('join-name-input').fill('Priya (SRE)')
    await priya.page.getByTestId('join-name-submit').click()
    await priya.page.getByTestId('join-name').waitFor({ state: 'detached' })
    expect(await priya.page.getByTestId('user-name').textContent()).toContain('Priya (SRE)')

    const ben = await chromium.open(server.url, { askName: true })
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ben.page)
    await ben.page.getByTestId('join-name-skip').click()
    await ben.page.getByTestId('join-name').waitFor({ state: 'detached' })
    const priyaAvatar = ben.page.locator(
      '[data-testid="participant-avatar"][title="Priya (SRE) · facilitator"]',
    )
    await priyaAvatar.waitFor({ timeout: 10_000 })
    expect((await priyaAvatar.textContent())?.trim()).toBe('PS')

    // asked once: neither the one who answered nor the one who skipped is asked again
    for (const page of [priya.page, ben.page]) {
      await page.reload()
      await waitForBoard(page)
      expect(await page.getByTestId('join-name').count()).toBe(0)
    }
    expect(await ben.page.getByTestId('user-name').textContent()).toMatch(/^You: [A-Z][a-z]+ [A-Z][a-z]+$/)
  })

  it('shows a viewer no simulation, presenting or session controls they cannot use', async () => {
    const board = await createTestBoard(server.url, 'Viewer audit', 'cell-based')
    const ana = await chromium.open(server.url)
    await ana.page.addInitScript(() =>
      window.localStorage.setItem(
        'lockstep:user',
        JSON.stringify({ id: 'e2e-ana-audit', name: 'Ana', color: '#1971c2' }),
      ),
    )
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)

    // the facilitator drives: a scenario playing, an article section presented, a timer running
    await ana.page.getByTestId('dock-tab-simulation').click()
    await ana.page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await ana.page.getByTestId('sim-play').click()
    await ana.page.getByTestId('sim-pause').waitFor()
    await ana.page.getByTestId('dock-tab-article').click()
    await ana.page.getByTestId('article-present').click()
    await ana.page.locator('.present-bar--live').waitFor()
    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('timer-preset-10').click()

    const vic = await chromium.open(server.url)
    await vic.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(vic.page)
    await vic.page.getByTestId('session-timer').waitFor()

    await vic.page.getByTestId('dock-tab-simulation').click()
    await vic.page.locator('[data-testid="simulation-tab"][data-status="ready"]').waitFor({ timeout: 15_000 })
    expect(await vic.page.getByTestId('sim-driven-by').textContent()).toBe('Driven by Ana')
    for (const control of ['sim-step', 'sim-back', 'sim-pause', 'sim-speed-2', 'sim-replay', 'sim-close']) {
      expect(await vic.page.getByTestId(control).count(), control).toBe(0)
    }
    expect(await disabledControls(vic.page)).toEqual([])

    await vic.page.getByTestId('dock-tab-article').click()
    await vic.page.getByTestId('article-following').waitFor()
    for (const control of ['article-present', 'article-stop', 'checkpoint-new']) {
      expect(await vic.page.getByTestId(control).count(), control).toBe(0)
    }
    expect(await disabledControls(vic.page)).toEqual([])

    await vic.page.getByTestId('dock-tab-session').click()
    await vic.page.locator('[data-testid="session-person"]').nth(1).waitFor()
    for (const control of ['facilitator-tools', 'role-menu', 'run-of-show', 'timer-stop']) {
      expect(await vic.page.getByTestId(control).count(), control).toBe(0)
    }
    expect(await disabledControls(vic.page)).toEqual([])
  })
})
