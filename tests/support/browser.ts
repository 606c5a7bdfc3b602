import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type ExpectedError, type PageProblem, recordProblems, unexpectedProblems } from './page-errors'

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

export interface Person {
  readonly page: Page
  /** Every request that left our server's origin (a test can prove nothing came from a CDN). */
  readonly foreignRequests: string[]
}

/**
 * A page in its own browser context (its own storage, like a second person), recording every
 * request that leaves our server's origin and every console error and uncaught exception.
 */
export async function openPerson(
  browser: Browser,
  origin: string,
  problems: PageProblem[],
  options: PersonOptions = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } })
  recordProblems(context, problems)
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
  return { page, foreignRequests }
}

/** One suite's Chromium: people open pages in it, and a test fails if any page logs an error. */
export interface ChromiumFixture {
  /** A new person (own context and storage) on a page of `origin`. */
  open(origin: string, options?: PersonOptions): Promise<Person>
  /** This test provokes an error on purpose; `why` says what and why it is right. */
  expectError(pattern: RegExp, why: string): void
}

/**
 * Launches Chromium before the suite and closes it after. Every test fails if a page reported a
 * console error or an uncaught exception during it (see page-errors.ts for the allow-list); the
 * people a test opened are closed after it, so their pages cannot report into the next test.
 */
export function useChromium(): ChromiumFixture {
  let browser: Browser | undefined
  const problems: PageProblem[] = []
  const expected: ExpectedError[] = []
  let inTest = false
  const openedInTest: Page[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })
  beforeEach(() => {
    inTest = true
  })
  afterEach(async () => {
    inTest = false
    await Promise.all(openedInTest.splice(0).map((page) => page.context().close()))
    const message = unexpectedProblems(problems.splice(0), expected.splice(0))
    if (message) throw new Error(message)
  })
  afterAll(async () => {
    await browser?.close()
  })

  return {
    async open(origin, options) {
      if (!browser) throw new Error("useChromium: the browser runs only inside the suite's tests and hooks")
      const person = await openPerson(browser, origin, problems, options)
      if (inTest) openedInTest.push(person.page)
      return person
    },
    expectError(pattern, why) {
      if (why.trim() === '') throw new Error('say why this error is expected')
      expected.push({ pattern, why })
    },
  }
}

/** Waits until a board page is live with the server and its editor is reachable from tests. */
export async function waitForBoard(page: Page, timeout = 20_000): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout })
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

/**
 * In the page: the seconds the top bar's timer shows ("4:59", "Paused 4:59") if they lie within
 * `range`, else null. A function, not a string, because the page's CSP forbids eval.
 */
function countdownWithin(range: { min: number; max: number }): { seconds: number } | null {
  const text = document.querySelector('[data-testid="session-timer"]')?.textContent?.trim() ?? ''
  const match = /(\d+):(\d\d)$/.exec(text)
  if (!match) return null
  const seconds = Number(match[1]) * 60 + Number(match[2])
  return seconds >= range.min && seconds <= range.max ? { seconds } : null
}

/** Seconds the page's timer shows, or NaN when it shows no countdown. */
export async function secondsShown(page: Page): Promise<number> {
  const shown = await page.evaluate(countdownWithin, { min: 0, max: Number.POSITIVE_INFINITY })
  return shown?.seconds ?? Number.NaN
}

/** Waits until the page's timer shows between `min` and `max` seconds (inclusive). */
export async function waitForCountdownBetween(page: Page, min: number, max: number): Promise<void> {
  await page.waitForFunction(countdownWithin, { min, max }, { timeout: 15_000 })
}
