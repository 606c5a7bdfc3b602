import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Article, articleSchema } from '../../shared/content/article-schema'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

const TEMPLATE = 'kappa-pipeline'
const ARTICLE = 'kappa-architecture'
const FACILITATOR = 'Ana Facilitator'
const SCENARIO = 'cells-poison-tenant'
const SHOTS = process.env.LOCKSTEP_SHOTS

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string): Promise<void> {
  await page.addInitScript(
    ({ id, name }) => {
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color: '#1971c2' }))
    },
    { id, name },
  )
}

/** Waits until the reader shows a given section. */
async function waitForSection(page: Page, sectionId: string): Promise<void> {
  await page
    .locator(`[data-testid="article-reader"][data-section-id="${sectionId}"]`)
    .waitFor({ timeout: 15_000 })
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

describe('presenting an article and asking a checkpoint in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  let article: Article
  const foreign: string[][] = []

  beforeAll(async () => {
    article = articleSchema.parse(await (await fetch(`${server.url}/api/articles/${ARTICLE}`)).json())
  })

  it('shows the presented section 2 to an editor, counts their vote and reveals the result to both', async () => {
    const second = article.sections[1]
    if (!second) throw new Error('the Kappa article has no second section')
    const board = await createTestBoard(server.url, 'Kappa workshop', TEMPLATE)

    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    await nameThisBrowser(ana.page, 'e2e-ana-facilitator', FACILITATOR)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)

    // The Article tab opens on the board's article; the facilitator goes to section 2 and presents it.
    await ana.page.getByTestId('dock-tab-article').click()
    await ana.page
      .locator(`[data-testid="article"][data-article-id="${ARTICLE}"]`)
      .waitFor({ timeout: 15_000 })
    expect(await ana.page.getByTestId('article-title').textContent()).toBe(article.title)
    // A node link in section 1 takes the camera to the log's box and pulses it.
    await ana.page.locator('a.article-node-link[data-node-id="log"]').first().click()
    await ana.page.getByTestId('node-pulse').first().waitFor({ timeout: 5_000 })
    await shot(ana.page, 'article-node-pulse')

    await ana.page.getByTestId('article-section-2').click()
    await waitForSection(ana.page, second.id)
    await ana.page.getByTestId('article-present').click()
    await ana.page.getByTestId('article-stop').waitFor()
    await shot(ana.page, 'article-facilitator')

    // A live question, typed by the facilitator in the session tools.
    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.getByTestId('checkpoint-new').click()
    await ana.page.getByTestId('checkpoint-question-input').fill('Where does a Kappa pipeline replay from?')
    await ana.page.getByTestId('checkpoint-options-input').fill('The log\nThe serving table\nA nightly batch')
    await ana.page.getByTestId('checkpoint-open').click()
    await ana.page.getByTestId('checkpoint-card').waitFor()
    await ana.page.waitForFunction(
      () => document.querySelector('[data-testid="checkpoint-vote-count"]')?.textContent === '0 votes',
    )

    // An editor joins: their panel follows the facilitator to section 2.
    const ben = await chromium.open(server.url)
    foreign.push(ben.foreignRequests)
    await nameThisBrowser(ben.page, 'e2e-ben-editor', 'Ben Editor')
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ben.page)
    await ben.page.getByTestId('dock-tab-article').click()
    await waitForSection(ben.page, second.id)
    expect(await ben.page.getByTestId('article-section-heading').textContent()).toBe(second.heading)
    expect(await ben.page.getByTestId('article-following').textContent()).toBe(`Following ${FACILITATOR}`)
    // the open question marks the Session tab, where participants answer it
    await ben.page.getByTestId('checkpoint-badge').waitFor()
    await ben.page.getByTestId('dock-tab-session').click()
    await ben.page.getByTestId('checkpoint-card').waitFor()
    // results stay hidden from participants until the reveal
    expect(await ben.page.getByTestId('checkpoint-results').count()).toBe(0)

    await ben.page.getByTestId('checkpoint-option-0').click()
    await ben.page.getByTestId('checkpoint-voted').waitFor()
    expect(await ben.page.getByTestId('checkpoint-option-0').getAttribute('aria-pressed')).toBe('true')
    await shot(ben.page, 'article-follower-voted')

    await ana.page.waitForFunction(
      () => document.querySelector('[data-testid="checkpoint-vote-count"]')?.textContent === '1 vote',
      undefined,
      { timeout: 10_000 },
    )
    await ana.page.getByTestId('checkpoint-reveal').click()

    await ben.page
      .locator('[data-testid="checkpoint-card"][data-status="revealed"]')
      .waitFor({ timeout: 10_000 })
    const counts = await ben.page.locator('[data-testid^="checkpoint-count-"]').allTextContents()
    expect(counts).toEqual(['1', '0', '0'])
    await shot(ben.page, 'checkpoint-revealed')

    // Detaching lets the follower read freely; "Back to live" returns them to the presented section.
    await ana.page.getByTestId('dock-tab-article').click()
    await ben.page.getByTestId('dock-tab-article').click()
    await ben.page.getByTestId('article-detach').click()
    await ben.page.getByTestId('article-section-1').click()
    await waitForSection(ben.page, article.sections[0]?.id ?? '')
    await ben.page.getByTestId('article-back-to-live').click()
    await waitForSection(ben.page, second.id)

    // The concept map opens a concept's card.
    await ben.page.getByTestId('article-view-concepts').click()
    await ben.page.getByTestId('concept-map').waitFor()
    await ben.page.getByTestId('concept-node-replayable-log').click()
    await ben.page.locator('[data-testid="concept-card"][data-concept-id="replayable-log"]').waitFor()
    await shot(ben.page, 'concept-map')
    await ben.page.getByTestId('article-view-article').click()

    // The facilitator moves on: the follower follows.
    const third = article.sections[2]
    if (third) {
      await ana.page.getByTestId('article-section-3').click()
      await waitForSection(ben.page, third.id)
    }
  })

  it('asks the next step’s checkpoint before stepping, and steps after the reveal', async () => {
    const scenario = scenarioSchema.parse(
      await (await fetch(`${server.url}/api/scenarios/${SCENARIO}`)).json(),
    )
    // step 2's question predicts step 3: it is asked on step 2, before Step shows step 3
    const asking = scenario.steps[1]?.checkpoint
    if (!asking) throw new Error('the cells scenario has no checkpoint on step 2')
    const board = await createTestBoard(server.url, 'Cells checkpoint', 'cell-based')
    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    await nameThisBrowser(ana.page, 'e2e-ana-facilitator', FACILITATOR)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    await ana.page.getByTestId('dock-tab-simulation').click()
    await ana.page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await ana.page.getByTestId('sim-step').waitFor()
    await ana.page.waitForFunction(() =>
      document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith('Step 1/'),
    )
    await ana.page.getByTestId('sim-step').click()
    await ana.page.waitForFunction(() =>
      document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith('Step 2/'),
    )

    await ana.page.getByTestId('sim-step').click()
    const card = ana.page.locator('[data-testid="checkpoint-card"][data-status="open"]')
    await card.waitFor({ timeout: 10_000 })
    expect(await card.textContent()).toContain(asking.question)
    expect(await ana.page.getByTestId('sim-checkpoint-hint').textContent()).toContain(
      'Reveal, then Step again',
    )
    expect(await ana.page.getByTestId('sim-step-heading').textContent()).toMatch(/^Step 2\//)
    await shot(ana.page, 'sim-checkpoint-open')

    await ana.page.getByTestId('checkpoint-reveal').click()
    await ana.page
      .locator('[data-testid="checkpoint-card"][data-status="revealed"]')
      .waitFor({ timeout: 10_000 })
    await ana.page.getByTestId('sim-step').click()
    await ana.page.waitForFunction(
      () => document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith('Step 3/'),
      undefined,
      { timeout: 10_000 },
    )
    await ana.page.getByTestId('checkpoint-card').waitFor({ state: 'detached', timeout: 10_000 })
  })

  it('fetched nothing from outside our own server', () => {
    expect(foreign.flat()).toEqual([])
  })
})
