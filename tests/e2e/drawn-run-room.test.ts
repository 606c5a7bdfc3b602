import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { drawSystem, figures, panel, pauseEverywhere, waitForTick } from './drawn-kit'

const p99Of = (shown: Record<string, string>) => Number.parseFloat(shown.p99 ?? '')

/**
 * Issue 15's "done means": three people draw a four-box system together, run it, predict what a
 * cache failure does, and see the same p99 jump on every screen.
 */
describe('a room simulating the system it drew, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('draws together, predicts, and sees the same p99 jump after the cache is flushed on three screens', async () => {
    const board = await createTestBoard(server.url, 'Four boxes')
    const ana = await chromium.open(server.url) // facilitator
    const ben = await chromium.open(server.url) // editor
    const cy = await chromium.open(server.url) // viewer
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await cy.page.goto(`${server.url}${board.urls.viewer}`)
    const pages = [ana.page, ben.page, cy.page]
    await Promise.all(pages.map((page) => waitForBoard(page)))

    // Ana draws the users and the service; Ben adds the cache and a database that is small for
    // the whole traffic but fine for the misses of a warm cache.
    await drawSystem(ana.page, {
      boxes: [
        ['shape:users', 'client'],
        ['shape:api', 'service'],
      ],
      calls: [['shape:c1', 'shape:users', 'shape:api']],
    })
    await waitForShapeCount(ben.page, 3)
    await drawSystem(ben.page, {
      boxes: [
        ['shape:cache', 'cache'],
        ['shape:db', 'database'],
      ],
      calls: [
        ['shape:c2', 'shape:api', 'shape:cache'],
        ['shape:c3', 'shape:cache', 'shape:db'],
      ],
      props: { 'shape:db': { capacityPerReplica: 40 } },
      at: 500,
    })
    for (const page of pages) await waitForShapeCount(page, 7)

    for (const page of pages) await page.getByTestId('dock-tab-simulation').click()
    // Run is the facilitator's until she lets editors run it too (viewers never)
    await ana.page.getByTestId('drawn-run').waitFor()
    expect(await ben.page.getByTestId('drawn-run').count()).toBe(0)
    // the switch shows the session's state: it turns on once the server has taken the change
    await ana.page.getByTestId('drawn-editors').click()
    await ana.page.locator('[data-testid="drawn-editors"]:checked').waitFor()
    await ben.page.getByTestId('drawn-run').waitFor({ timeout: 10_000 })
    expect(await cy.page.getByTestId('drawn-run').count()).toBe(0)
    await ana.page.getByTestId('drawn-run').click()
    for (const page of pages) await panel(page).waitFor({ timeout: 10_000 })
    await waitForTick(ana.page, 40)
    await pauseEverywhere(ana.page, pages)
    const before = await figures(ana.page)
    for (const page of [ben.page, cy.page]) expect(await figures(page)).toEqual(before)

    // Predict, then reveal: the flush waits for the room's answers.
    await ana.page.getByTestId('drawn-chaos-ask').check()
    await ana.page.getByTestId('drawn-chaos-box').selectOption('shape:cache')
    await ana.page.locator('[data-chaos="cache-flush"]').click()
    for (const page of pages) {
      const card = page.locator('[data-testid="checkpoint-card"][data-status="open"]')
      await card.waitFor({ timeout: 10_000 })
      expect(await card.textContent()).toContain('What happens to p99 latency if “cache” loses its contents?')
    }
    // while the room answers, the run waits: its drivers see why Run again, Stop and chaos are off
    for (const page of [ana.page, ben.page]) {
      await page.getByTestId('drawn-held').waitFor({ timeout: 10_000 })
      for (const control of ['drawn-run-again', 'drawn-stop', 'drawn-toggle'])
        expect(await page.getByTestId(control).isDisabled()).toBe(true)
      expect(await page.locator('[data-chaos="kill-box"]').isDisabled()).toBe(true)
    }
    await ben.page.getByTestId('checkpoint-option-0').click()
    await cy.page.getByTestId('checkpoint-option-1').click()
    await ana.page.waitForFunction(() =>
      document.querySelector('[data-testid="checkpoint-vote-count"]')?.textContent?.startsWith('2'),
    )
    // nothing moved while the room was answering
    expect((await figures(cy.page)).tick).toBe(before.tick)

    await ana.page.getByTestId('checkpoint-reveal').click()
    for (const page of pages) {
      await page
        .locator('[data-testid="checkpoint-card"][data-status="revealed"]')
        .waitFor({ timeout: 10_000 })
      await page.locator('[data-testid="drawn-run-panel"][data-paused="false"]').waitFor({ timeout: 10_000 })
    }
    expect(await ana.page.getByTestId('drawn-run-again').isDisabled()).toBe(false)
    expect(await ana.page.getByTestId('drawn-held').count()).toBe(0)
    await waitForTick(ana.page, Number(before.tick) + 10)
    await pauseEverywhere(ana.page, pages)
    const after = await figures(ana.page)
    for (const page of [ben.page, cy.page]) expect(await figures(page)).toEqual(after)
    console.log(
      `[drawn run, three screens] p99 before the flush ${before.metrics.p99}, after ${after.metrics.p99}`,
    )
    expect(p99Of(after.metrics)).toBeGreaterThan(1.5 * p99Of(before.metrics))
  })
})
