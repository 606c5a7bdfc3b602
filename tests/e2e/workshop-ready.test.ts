import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workshopSchema } from '../../shared/content/workshop-schema'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { drawRectangle, launchChromium, openPerson, waitForBoard } from '../support/browser'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string): Promise<void> {
  await page.addInitScript(
    ({ id, name }) =>
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color: '#1971c2' })),
    { id, name },
  )
}

/** Waits until the Simulation tab shows "Step k/…". */
const waitForStep = (page: Page, step: number) =>
  page.waitForFunction(
    (step) =>
      document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith(`Step ${step}/`),
    step,
    { timeout: 15_000 },
  )

const checkpoint = (page: Page, status: 'open' | 'revealed') =>
  page.locator(`[data-testid="checkpoint-card"][data-status="${status}"]`)

const waitForNotice = (page: Page, text: string) =>
  page.getByTestId('board-notice').filter({ hasText: text }).waitFor({ timeout: 15_000 })

/** Every chart next to the card with its id: label and newest value, as people read them. */
function chartsAndCards(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.sim-chart[data-series-id]')].flatMap((chart) => {
      const card = document.querySelector(`.sim-metric[data-metric-id="${chart.dataset.seriesId}"]`)
      if (!card) return []
      return [
        {
          chart: chart.querySelector('.sim-chart__label')?.textContent ?? '',
          chartValue: chart.querySelector('.sim-chart__last')?.textContent ?? '',
          card: card.querySelector('.sim-metric__label')?.textContent ?? '',
          cardValue: card.querySelector('.sim-metric__value')?.firstChild?.textContent ?? '',
        },
      ]
    }),
  )
}

describe('a workshop-ready session in Chromium', () => {
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

  it('asks before the board moves, reveals, then steps; Back undoes it; cards and charts agree; ending asks first', async () => {
    const plan = workshopSchema.parse(await (await fetch(`${server.url}/api/workshops/cells-45`)).json())
    const scenario = scenarioSchema.parse(
      await (await fetch(`${server.url}/api/scenarios/${plan.scenarioId}`)).json(),
    )
    const poison = scenario.steps[1]?.checkpoint?.question ?? ''
    const board = await createTestBoard(server.url, 'Cells in 45', 'cell-based')
    const ana = await openPerson(browser, server.url)
    await nameThisBrowser(ana.page, 'e2e-ana', 'Ana Facilitator')
    const [path, key] = (board.urls.facilitator ?? '').split('#')
    await ana.page.goto(`${server.url}${path}?workshop=cells-45#${key}`)
    await waitForBoard(ana.page)
    const ben = await openPerson(browser, server.url)
    await nameThisBrowser(ben.page, 'e2e-ben', 'Ben Viewer')
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)
    await ben.page.getByTestId('dock-tab-simulation').click()

    const next = ana.page.getByTestId('workshop-next')
    const segment = (n: number) =>
      ana.page
        .getByTestId('workshop-segment')
        .filter({ hasText: `Segment ${n}/` })
        .waitFor({ timeout: 15_000 })
    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('workshop-start-queued').click()
    await segment(1)
    // segment 1 asks its question in the session tools; Next reveals it before moving on
    await checkpoint(ana.page, 'open').waitFor({ timeout: 15_000 })
    expect(await next.textContent()).toBe('Reveal answers')
    await next.click()
    await checkpoint(ana.page, 'revealed').waitFor({ timeout: 15_000 })
    await next.click()
    await segment(2)
    await ana.page.getByTestId('checkpoint-card').waitFor({ state: 'detached', timeout: 15_000 }) // closed
    await next.click()
    await segment(3)
    await waitForStep(ben.page, 2)

    // Segment 4: the poison-tenant question opens on the unchanged board
    await next.click()
    await segment(4)
    await ana.page.getByTestId('workshop-predict').waitFor()
    expect(await checkpoint(ana.page, 'open').textContent()).toContain(poison)
    await waitForStep(ben.page, 2)
    expect(await next.textContent()).toBe('Reveal answers')
    await next.click()
    await checkpoint(ana.page, 'revealed').waitFor({ timeout: 15_000 })
    await next.click()
    await waitForStep(ben.page, 3) // cell 2 fails only after the reveal

    // one definition per figure: a chart beside a card with its id shows the same figure
    await ben.page.locator('.sim-chart[data-series-id]').first().waitFor({ timeout: 15_000 })
    const pairs = await chartsAndCards(ben.page)
    expect(pairs.map((pair) => pair.card)).toContain('Request success per tick')
    for (const pair of pairs) {
      expect(pair.chart.startsWith(pair.card), `${pair.chart} vs ${pair.card}`).toBe(true)
      expect(pair.chartValue.replace(/[^\d.]/g, ''), pair.chart).toBe(pair.cardValue.replace(/[^\d.]/g, ''))
    }

    // Back undoes exactly that: the board returns to step 2, the answered question stays
    await ana.page.getByTestId('workshop-back').click()
    await waitForStep(ben.page, 2)
    await checkpoint(ana.page, 'revealed').waitFor()

    // questions belong to the session tools, not the Article tab
    await ana.page.getByTestId('dock-tab-article').click()
    await ana.page.getByTestId('article-tab').waitFor({ timeout: 15_000 })
    expect(await ana.page.getByTestId('checkpoint-card').count()).toBe(0)
    expect(await ana.page.getByTestId('checkpoint-new').count()).toBe(0)

    // ending asks first, then stops the timer and closes the question for everyone
    await ana.page.getByTestId('dock-tab-session').click()
    await ben.page.getByTestId('session-timer').waitFor({ timeout: 15_000 })
    await ana.page.getByTestId('workshop-end').click()
    await ana.page.getByTestId('workshop-end-cancel').click()
    await segment(4)
    await ana.page.getByTestId('workshop-end').click()
    await ana.page.getByTestId('workshop-end-confirm').click()
    await ana.page.getByTestId('workshop-segment').waitFor({ state: 'detached', timeout: 15_000 })
    await ben.page.getByTestId('session-timer').waitFor({ state: 'detached', timeout: 15_000 })
    await ana.page.getByTestId('checkpoint-card').waitFor({ state: 'detached', timeout: 15_000 })
    await ana.page.getByTestId('checkpoint-new').waitFor() // and a new question can be asked here
  }, 180_000)

  it('says who restored, brought everyone here or promoted; a replaced link shows that it no longer works', async () => {
    const board = await createTestBoard(server.url, 'Who did what')
    const ana = await openPerson(browser, server.url)
    await nameThisBrowser(ana.page, 'e2e-ana-2', 'Ana')
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    const ben = await openPerson(browser, server.url)
    await nameThisBrowser(ben.page, 'e2e-ben-2', 'Ben')
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ben.page)
    const cleo = await openPerson(browser, server.url)
    await nameThisBrowser(cleo.page, 'e2e-cleo-2', 'Cleo')
    await cleo.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(cleo.page)

    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('bring-everyone').click()
    await waitForNotice(ben.page, 'Ana brought everyone’s view to theirs.')

    const benRow = ana.page.locator('[data-testid="session-person"]', { hasText: 'Ben' })
    await benRow.getByTestId('role-menu').selectOption('facilitator')
    await waitForNotice(ben.page, 'Ana made you a co-facilitator.')

    await drawRectangle(ana.page, { x: 420, y: 300 })
    await ana.page.getByTestId('board-menu-button').click()
    await ana.page.getByTestId('board-menu-save-version').click()
    await ana.page.getByTestId('save-version-dialog-input').fill('Before failover')
    await ana.page.getByTestId('save-version-dialog-submit').click()
    await ana.page.getByTestId('save-version-dialog').waitFor({ state: 'detached' })
    await drawRectangle(ana.page, { x: 420, y: 520 })
    await ana.page.getByTestId('board-menu-button').click()
    await ana.page.getByTestId('board-menu-versions').click()
    const row = ana.page.getByTestId('version-row').filter({ hasText: 'Before failover' })
    await row.getByTestId('version-restore').click()
    await row.getByTestId('version-restore-confirm').click()
    await waitForNotice(cleo.page, 'Ana restored the version ‘Before failover’.')

    // Cleo's viewer link is replaced: her page says so across its whole width, and nothing looks live
    await ana.page.getByTestId('share-button').click()
    await ana.page.getByTestId('replace-link-viewer').click()
    await ana.page.getByTestId('confirm-replace-viewer').click()
    await cleo.page.getByTestId('link-ended').waitFor({ timeout: 15_000 })
    expect(await cleo.page.getByTestId('link-ended').textContent()).toContain(
      'Ask the facilitator for the new link',
    )
    const width = await cleo.page.evaluate(
      () => document.querySelector('[data-testid="link-ended"]')?.clientWidth,
    )
    expect(width).toBe(await cleo.page.evaluate(() => document.documentElement.clientWidth))
    for (const live of ['connection-state', 'dock-tab-session', 'participant-avatar', 'session-timer'])
      expect(await cleo.page.getByTestId(live).count(), live).toBe(0)
    expect(await cleo.page.locator('.tl-container').count()).toBe(0)
  }, 180_000)
})
