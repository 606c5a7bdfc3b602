import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { BOXES, CALLS, drawSystem, panel } from './drawn-kit'

const notice = (page: Page) => page.getByTestId('drawn-diagram-changed')

describe('a run that no longer matches the drawn diagram, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('tells both screens the diagram changed since Run, and stops once it runs again', async () => {
    const board = await createTestBoard(server.url, 'Changed during a run')
    const ana = await chromium.open(server.url) // facilitator
    const ben = await chromium.open(server.url) // viewer
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    const pages = [ana.page, ben.page]
    await Promise.all(pages.map((page) => waitForBoard(page)))
    await drawSystem(ana.page)
    await waitForShapeCount(ben.page, BOXES.length + CALLS.length)
    for (const page of pages) await page.getByTestId('dock-tab-simulation').click()
    await ana.page.getByTestId('drawn-run').click()
    for (const page of pages) await panel(page).waitFor({ timeout: 10_000 })

    expect(await notice(ana.page).count()).toBe(0) // the run is the canvas as it was

    // the cache moves (no change: a run does not know where boxes stand), the database goes (and
    // with it the arrow into it), the service gets a third replica
    await ana.page.evaluate(() => {
      const editor = window.lockstepEditor
      editor?.updateShapes([{ id: 'shape:cache' as never, type: 'geo', x: 300, y: 400 }])
      editor?.deleteShapes(['shape:db' as never])
      editor?.updateShapes([
        { id: 'shape:api' as never, type: 'geo', meta: { componentKind: 'service', props: { replicas: 3 } } },
      ])
    })
    const changes =
      'The diagram changed since this run started: 1 box removed, 1 property changed, 1 arrow removed.'
    await notice(ana.page).waitFor({ timeout: 10_000 })
    expect(await notice(ana.page).textContent()).toBe(`${changes} Run again to use it.`)
    await notice(ben.page).waitFor({ timeout: 10_000 })
    expect(await notice(ben.page).textContent()).toMatch(new RegExp(`^${changes} Ask .+ to run it again\\.$`))
    // it sits by the Run again button
    const [controls, said] = await Promise.all([
      ana.page.getByTestId('drawn-run-again').boundingBox(),
      notice(ana.page).boundingBox(),
    ])
    expect((said?.y ?? 0) - ((controls?.y ?? 0) + (controls?.height ?? 0))).toBeLessThan(60)

    // Run again freezes the diagram as it is now: nothing left to tell on either screen
    await ana.page.getByTestId('drawn-run-again').click()
    for (const page of pages) {
      await page
        .getByTestId('drawn-tick')
        .filter({ hasText: `${BOXES.length - 1} boxes` })
        .waitFor({ timeout: 10_000 })
      await notice(page).waitFor({ state: 'detached', timeout: 10_000 })
    }
  })
})
