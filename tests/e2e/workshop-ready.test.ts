import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { workshopSchema } from '../../shared/content/workshop-schema'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { drawRectangle, useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

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
  const server = useTestServer()
  const chromium = useChromium()

  /** Ana on the facilitator link (optionally with a queued workshop), Ben on the viewer link, both named. */
  async function cellsSession(workshop?: string) {
    const board = await createTestBoard(server.url, 'Cells in 45', 'cell-based')
    const ana = await chromium.open(server.url)
    await nameThisBrowser(ana.page, 'e2e-ana', 'Ana Facilitator')
    const [path, key] = (board.urls.facilitator ?? '').split('#')
    await ana.page.goto(`${server.url}${path}${workshop ? `?workshop=${workshop}` : ''}#${key}`)
    await waitForBoard(ana.page)
    const ben = await chromium.open(server.url)
    await nameThisBrowser(ben.page, 'e2e-ben', 'Ben Viewer')
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)
    return { ana: ana.page, ben: ben.page }
  }

  it('runs a workshop predict-then-reveal: the question opens on the unchanged board, the step follows the reveal, Back undoes it', async () => {
    const plan = workshopSchema.parse(await (await fetch(`${server.url}/api/workshops/cells-45`)).json())
    const scenario = scenarioSchema.parse(
      await (await fetch(`${server.url}/api/scenarios/${plan.scenarioId}`)).json(),
    )
    const poison = scenario.steps[1]?.checkpoint?.question ?? ''
    const { ana, ben } = await cellsSession('cells-45')
    await ben.getByTestId('dock-tab-simulation').click()
    const next = ana.getByTestId('workshop-next')
    const segment = (n: number) =>
      ana
        .getByTestId('workshop-segment')
        .filter({ hasText: `Segment ${n}/` })
        .waitFor({ timeout: 15_000 })
    await ana.getByTestId('dock-tab-session').click()
    await ana.getByTestId('workshop-start-queued').click()
    await segment(1)
    // segment 1 asks its question; Next reveals it before moving on, and the next segment closes it
    await checkpoint(ana, 'open').waitFor({ timeout: 15_000 })
    expect(await next.textContent()).toBe('Reveal answers')
    await next.click()
    await checkpoint(ana, 'revealed').waitFor({ timeout: 15_000 })
    await next.click()
    await segment(2)
    await ana.getByTestId('checkpoint-card').waitFor({ state: 'detached', timeout: 15_000 })
    await next.click()
    await segment(3)
    await waitForStep(ben, 2)

    // segment 4: the poison-tenant question opens on the unchanged board
    await next.click()
    await segment(4)
    await ana.getByTestId('workshop-predict').waitFor()
    expect(await checkpoint(ana, 'open').textContent()).toContain(poison)
    await waitForStep(ben, 2)
    expect(await next.textContent()).toBe('Reveal answers')
    await next.click()
    await checkpoint(ana, 'revealed').waitFor({ timeout: 15_000 })
    await next.click()
    await waitForStep(ben, 3) // cell 2 fails only after the reveal

    // Back undoes exactly that: the board returns to step 2, the answered question stays
    await ana.getByTestId('workshop-back').click()
    await waitForStep(ben, 2)
    await checkpoint(ana, 'revealed').waitFor()
  }, 180_000)

  it('shows one definition per figure: a chart beside a card with its id shows the same figure', async () => {
    const { ana } = await cellsSession()
    await ana.getByTestId('dock-tab-simulation').click()
    await ana.getByTestId('load-scenario-cells-poison-tenant').click()
    await waitForStep(ana, 1)
    // step to the end, answering each question the Step button asks on the way
    for (let step = 1; step < 5; ) {
      if (await checkpoint(ana, 'open').count()) await ana.getByTestId('checkpoint-reveal').click()
      await ana.getByTestId('sim-step').click()
      await ana.waitForFunction(
        (step) =>
          !document
            .querySelector('[data-testid="sim-step-heading"]')
            ?.textContent?.startsWith(`Step ${step}/`) ||
          document.querySelector('[data-testid="checkpoint-card"][data-status="open"]') !== null,
        step,
        { timeout: 15_000 },
      )
      const heading = (await ana.getByTestId('sim-step-heading').textContent()) ?? ''
      step = Number(/^Step (\d+)\//.exec(heading)?.[1] ?? step)
    }
    await ana.locator('.sim-chart[data-series-id]').first().waitFor({ timeout: 15_000 })
    const pairs = await chartsAndCards(ana)
    expect(pairs.length).toBeGreaterThan(0)
    for (const pair of pairs) {
      expect(pair.chart.startsWith(pair.card), `${pair.chart} vs ${pair.card}`).toBe(true)
      expect(pair.chartValue.replace(/[^\d.]/g, ''), pair.chart).toBe(pair.cardValue.replace(/[^\d.]/g, ''))
    }
  }, 180_000)

  it('keeps questions in the session tools, and ending a workshop asks first, then stops its timer and closes its question', async () => {
    const { ana, ben } = await cellsSession('cells-45')
    await ana.getByTestId('dock-tab-article').click()
    await ana.getByTestId('article-tab').waitFor({ timeout: 15_000 })
    expect(await ana.getByTestId('checkpoint-new').count()).toBe(0)
    await ana.getByTestId('dock-tab-session').click()
    await ana.getByTestId('session-question').getByTestId('checkpoint-new').waitFor({ timeout: 15_000 })

    await ana.getByTestId('workshop-start-queued').click()
    await checkpoint(ana, 'open').waitFor({ timeout: 15_000 }) // segment 1 asks, in the session tools
    await ben.getByTestId('session-timer').waitFor({ timeout: 15_000 })
    await ana.getByTestId('workshop-end').click()
    await ana.getByTestId('workshop-end-cancel').click()
    expect(await ana.getByTestId('workshop-segment').count()).toBe(1)
    await ana.getByTestId('workshop-end').click()
    await ana.getByTestId('workshop-end-confirm').click()
    await ana.getByTestId('workshop-segment').waitFor({ state: 'detached', timeout: 15_000 })
    await ben.getByTestId('session-timer').waitFor({ state: 'detached', timeout: 15_000 })
    await ana.getByTestId('checkpoint-card').waitFor({ state: 'detached', timeout: 15_000 })
  }, 180_000)

  it('says who restored a version, brought everyone here or promoted someone', async () => {
    const board = await createTestBoard(server.url, 'Who did what')
    const ana = await chromium.open(server.url)
    await nameThisBrowser(ana.page, 'e2e-ana-2', 'Ana')
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    const ben = await chromium.open(server.url)
    await nameThisBrowser(ben.page, 'e2e-ben-2', 'Ben')
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ben.page)
    const cleo = await chromium.open(server.url)
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
  }, 180_000)

  it('shows a replaced link as one full-width state: it no longer works, ask the facilitator, nothing looks live', async () => {
    const board = await createTestBoard(server.url, 'Replaced link')
    const ana = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    const cleo = await chromium.open(server.url)
    await cleo.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(cleo.page)
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
