import { type Browser, chromium, type Page } from 'playwright-core'

/** Flags for system Chromium on a closed network (DESIGN.md §9). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches the machine's Chromium; no test tool ever downloads a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
}

export interface PersonOptions {
  /** The window's size; a laptop's 1280×800 unless told. */
  viewport?: { width: number; height: number }
  /** Open as a first-time visitor who is asked for a name; by default the question was answered before. */
  askName?: boolean
}

/**
 * A page in its own browser context (its own storage, like a second person), recording every
 * request that leaves our server's origin so a test can prove nothing came from a CDN.
 */
export async function openPerson(
  browser: Browser,
  origin: string,
  options: PersonOptions = {},
): Promise<{ page: Page; foreignRequests: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } })
  const page = await context.newPage()
  // the same key the name question writes when answered or skipped
  if (!options.askName)
    await page.addInitScript(() => window.localStorage.setItem('lockstep:name-asked', 'yes'))
  const foreignRequests: string[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      foreignRequests.push(url)
  })
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  return { page, foreignRequests }
}

/** Waits until a board page is live with the server and its editor is reachable from tests. */
export async function waitForBoard(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => window.lockstepEditor !== undefined)
}

/** Draws a rectangle the way a person does: the R key, then a drag on the canvas. */
export async function drawRectangle(page: Page, at: { x: number; y: number }): Promise<void> {
  await page.mouse.click(at.x - 150, at.y - 150) // focus the canvas
  await page.keyboard.press('r')
  await page.mouse.move(at.x, at.y)
  await page.mouse.down()
  await page.mouse.move(at.x + 80, at.y + 60, { steps: 5 })
  await page.mouse.move(at.x + 160, at.y + 110, { steps: 5 })
  await page.mouse.up()
}

/** How many shapes the page's editor shows on its current page (-1 before it mounts). */
export function shapeCount(page: Page): Promise<number> {
  return page.evaluate(() => window.lockstepEditor?.getCurrentPageShapes().length ?? -1)
}

/** Waits until the page's editor shows exactly `count` shapes. */
export async function waitForShapeCount(page: Page, count: number, timeout = 15_000): Promise<void> {
  await page.waitForFunction((n) => window.lockstepEditor?.getCurrentPageShapes().length === n, count, {
    timeout,
  })
}
