import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPerson, waitForBoard } from '../support/browser'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'

const SCENARIO = 'cells-poison-tenant'
const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1280, height: 720 }

/** Fails unless the whole of this control is inside the window. */
async function expectOnScreen(control: Locator, window: { width: number; height: number }, what: string) {
  const box = await control.boundingBox()
  if (!box) throw new Error(`${what} is not shown`)
  expect(box.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0)
  expect(box.y, `${what} starts on screen`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${what} ends on screen`).toBeLessThanOrEqual(window.width)
  expect(box.y + box.height, `${what} ends on screen`).toBeLessThanOrEqual(window.height)
}

/** Every control in the dock's head: the tabs, the collapse button and the resize handle. */
async function expectDockControlsOnScreen(page: Page, window: { width: number; height: number }) {
  for (const tab of ['article', 'simulation', 'session'])
    await expectOnScreen(page.getByTestId(`dock-tab-${tab}`), window, `the ${tab} tab`)
  await expectOnScreen(page.getByTestId('dock-collapse'), window, 'the collapse button')
  await expectOnScreen(page.getByTestId('dock-resizer'), window, 'the resize handle')
}

/** The board layout's --dock-width and --dock-height, in pixels. */
function dockVariables(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const board = document.querySelector('.board')
    if (!(board instanceof HTMLElement)) throw new Error('no board layout')
    const read = (name: string) => Number.parseFloat(board.style.getPropertyValue(name))
    return { width: read('--dock-width'), height: read('--dock-height') }
  })
}

const dockBox = async (page: Page) => {
  const box = await page.getByTestId('dock').boundingBox()
  if (!box) throw new Error('the dock is not open')
  return box
}

/** Waits until the open side dock is this wide, and the layout variable says so too. */
async function waitForDockWidth(page: Page, width: number): Promise<void> {
  await page.waitForFunction(
    (width) => {
      const dock = document.querySelector('[data-testid="dock"]')
      const board = document.querySelector('.board')
      return (
        dock !== null &&
        board instanceof HTMLElement &&
        Math.round(dock.getBoundingClientRect().width) === width &&
        board.style.getPropertyValue('--dock-width') === `${width}px`
      )
    },
    width,
    { timeout: 5_000 },
  )
}

describe('the board dock in Chromium', () => {
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

  it('at 1280×720 keeps its controls on screen beside status dots, resizes by drag and keys, remembers its width and collapses', async () => {
    const board = await createTestBoard(server.url, 'Dock on a laptop', 'cell-based')
    const { page } = await openPerson(browser, server.url, { viewport: LAPTOP })
    await page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(page)

    // both tabs that can carry a status dot carry one: a scenario running, a question open
    await page.getByTestId('dock-tab-simulation').click()
    await page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await page.getByTestId('dock-tab-session').click()
    await page.getByTestId('checkpoint-new').click()
    await page.getByTestId('checkpoint-question-input').fill('Which cell fails first?')
    await page.getByTestId('checkpoint-options-input').fill('Cell 1\nCell 2')
    await page.getByTestId('checkpoint-open').click()
    await page.getByTestId('checkpoint-badge').waitFor()
    await page.locator('[data-testid="dock-tab-simulation"] .dock-tab__badge').waitFor()
    await expectDockControlsOnScreen(page, LAPTOP)

    const start = Math.round((await dockBox(page)).width)
    expect(await dockVariables(page)).toEqual({ width: start, height: 0 })

    // keyboard: ← widens the dock, one step at a time
    await page.getByTestId('dock-resizer').focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await waitForDockWidth(page, start + 32)
    expect(await page.getByTestId('dock-resizer').getAttribute('aria-valuenow')).toBe(String(start + 32))

    // pointer: drag the edge to 500 px from the window's right
    const handle = await page.getByTestId('dock-resizer').boundingBox()
    if (!handle) throw new Error('no resize handle')
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(LAPTOP.width - 450, handle.y + handle.height / 2, { steps: 4 })
    await page.mouse.move(LAPTOP.width - 500, handle.y + handle.height / 2, { steps: 4 })
    await page.mouse.up()
    await waitForDockWidth(page, 500)
    await expectDockControlsOnScreen(page, LAPTOP)

    // this device remembers the width
    await page.reload()
    await waitForBoard(page)
    await waitForDockWidth(page, 500)

    await page.getByTestId('dock-collapse').click()
    await page.getByTestId('dock-rail').waitFor()
    expect(await page.getByTestId('dock').count()).toBe(0)
    expect((await dockVariables(page)).width).toBe(
      Math.round((await page.getByTestId('dock-rail').boundingBox())?.width ?? -1),
    )
    await page.getByTestId('dock-tab-session').click()
    await waitForDockWidth(page, 500)
  })

  it('at 390×844 opens as a bottom sheet that leaves the canvas in view, with every control on screen', async () => {
    const board = await createTestBoard(server.url, 'Dock on a phone', 'cell-based')
    const { page } = await openPerson(browser, server.url, { viewport: PHONE })
    await page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(page)

    await page.getByTestId('dock-rail').waitFor()
    await page.getByTestId('dock-tab-simulation').click()
    await page.getByTestId('dock').waitFor()
    await expectDockControlsOnScreen(page, PHONE)

    const sheet = await dockBox(page)
    expect(sheet.x).toBe(0)
    expect(sheet.width).toBe(PHONE.width)
    expect(sheet.y + sheet.height).toBe(PHONE.height)
    // the top of the canvas stays in view above the sheet
    expect(sheet.y).toBeGreaterThanOrEqual(PHONE.height * 0.25)
    expect(await dockVariables(page)).toEqual({ width: 0, height: Math.round(sheet.height) })

    // ↑ on the handle makes the sheet taller
    await page.getByTestId('dock-resizer').focus()
    await page.keyboard.press('ArrowUp')
    await page.waitForFunction(
      (before) =>
        (document.querySelector('[data-testid="dock"]')?.getBoundingClientRect().height ?? 0) > before,
      sheet.height,
      { timeout: 5_000 },
    )
    await expectDockControlsOnScreen(page, PHONE)

    await page.getByTestId('dock-collapse').click()
    await page.getByTestId('dock-rail').waitFor()
    expect(await page.getByTestId('dock').count()).toBe(0)
  })
})
