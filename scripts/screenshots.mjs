// `node scripts/screenshots.mjs`: retakes the README's board screenshots. Starts the server as
// `npm start` does (building what is missing) on a spare port with a throwaway data folder, makes a
// board from the cells template, has a facilitator step its scenario to step 3, and photographs a
// viewer's board at its opening zoom: docs/screenshot.png (1280×720) and docs/screenshot-phone.png
// (390×844); then draws a small system on a blank board (users → load balancer → service → cache →
// database), runs it, flushes the cache and photographs the Simulation tab's figures and charts:
// docs/screenshot-drawn-run.png (1280×720). Uses the system Chromium (`$CHROME_PATH` or /usr/bin/chromium); never downloads one.
// The room bar's reactions are emoji: take the pictures on a machine with an emoji font (Debian:
// fonts-noto-color-emoji), or they show as empty boxes.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { io } from 'socket.io-client'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PORT = Number(process.env.SCREENSHOT_PORT ?? 3917)
const ORIGIN = `http://127.0.0.1:${PORT}`
const TEMPLATE = 'cell-based'
const SCENARIO = 'cells-poison-tenant'
const STEP = 3
const SHOTS = [
  { file: 'docs/screenshot.png', viewport: { width: 1280, height: 720 }, tab: 'simulation' },
  { file: 'docs/screenshot-phone.png', viewport: { width: 390, height: 844 }, tab: null },
]

/** Starts `npm start`'s launcher with its own port and data folder; resolves once /healthz answers. */
async function startServer(dataDir) {
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const deadline = Date.now() + 300_000 // a first build takes a few minutes on a small machine
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return server
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not start')
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** A person's page: named before it loads, so nobody is asked for a name on camera. */
async function openAs(browser, viewport, user) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await page.addInitScript((user) => {
    window.localStorage.setItem('lockstep:user', JSON.stringify(user))
    window.localStorage.setItem('lockstep:name-asked', 'yes')
  }, user)
  return page
}

async function waitForBoard(page) {
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => window.lockstepEditor !== undefined)
}

/** The facilitator's session: loads the scenario and steps it, as the Step button does. */
async function driveScenario(boardId, token) {
  const socket = io(ORIGIN, { auth: { boardId, token }, transports: ['websocket'], reconnection: false })
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  await socket.emitWithAck('presence:hello', { name: 'Ana', color: '#e03131' })
  const intent = async (body) => {
    const ack = await socket.emitWithAck('session:intent', body)
    if (!ack.ok) throw new Error(`${body.type} refused: ${ack.message}`)
  }
  await intent({ type: 'sim:load', scenarioId: SCENARIO })
  for (let step = 1; step < STEP; step++) await intent({ type: 'sim:step' })
  return socket
}

/** The drawn system: each box with its label and component kind, each arrow a call. */
const DRAWN_BOXES = [
  ['shape:users', 'Users', 'client'],
  ['shape:lb', 'Load balancer', 'load-balancer'],
  ['shape:api', 'Checkout API', 'service'],
  ['shape:cache', 'Redis', 'cache'],
  ['shape:db', 'Postgres', 'database'],
]
const DRAWN_FILE = 'docs/screenshot-drawn-run.png'

/** Draws the boxes and bound arrows through the page's editor, as a person's drawing ends up stored. */
async function drawSystem(page) {
  await page.evaluate((boxes) => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const label = (text) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    })
    editor.createShapes(
      boxes.map(([id, text, componentKind], i) => ({
        id,
        type: 'geo',
        x: i * 240,
        y: (i % 2) * 60,
        props: { w: 150, h: 80, richText: label(text) },
        meta: { componentKind },
      })),
    )
    for (let i = 1; i < boxes.length; i++) {
      const id = `shape:call-${i}`
      editor.createShapes([{ id, type: 'arrow', x: 0, y: 0 }])
      editor.createBindings(
        ['start', 'end'].map((terminal) => ({
          type: 'arrow',
          fromId: id,
          toId: boxes[terminal === 'start' ? i - 1 : i][0],
          props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        })),
      )
    }
  }, DRAWN_BOXES)
}

/** Waits until the run's panel shows a tick past `tick`; returns the tick it shows. */
async function tickPast(page, tick) {
  await page.waitForFunction(
    (tick) =>
      Number(document.querySelector('[data-testid="drawn-run-panel"]')?.getAttribute('data-tick')) > tick,
    tick,
    { timeout: 60_000 },
  )
  return Number(await page.getByTestId('drawn-run-panel').getAttribute('data-tick'))
}

/** A facilitator draws a system, runs it and flushes its cache; the picture shows the charts after. */
async function photographDrawnRun(browser) {
  const created = await fetch(`${ORIGIN}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Checkout: cache flush' }),
  })
  const board = await created.json()
  const viewport = { width: 1280, height: 720 }
  const ana = await openAs(browser, viewport, { id: 'shots-ana', name: 'Ana', color: '#e03131' })
  await ana.goto(new URL(board.urls.facilitator, ORIGIN).toString())
  await waitForBoard(ana)
  await drawSystem(ana)
  await ana.getByTestId('dock-tab-simulation').click()
  await ana.getByTestId('drawn-run').click()
  const before = await tickPast(ana, 60)
  await ana.getByTestId('drawn-chaos-box').selectOption('shape:cache')
  await ana.locator('[data-chaos="cache-flush"]').click()
  await tickPast(ana, before + 50)
  await ana.getByTestId('drawn-toggle').click() // paused: the picture holds still
  await ana.locator('[data-testid="drawn-run-panel"][data-paused="true"]').waitFor()
  await ana.evaluate(() => {
    window.lockstepEditor?.selectNone()
    window.lockstepEditor?.zoomToFit()
  })
  // the dock scrolled to the figures, with the charts under them
  await ana.getByTestId('drawn-chart').first().waitFor()
  await ana.evaluate(() =>
    document.querySelector('[data-testid="drawn-metrics"]')?.scrollIntoView({ block: 'start' }),
  )
  await ana.evaluate(() => document.fonts.ready)
  await ana.mouse.move(viewport.width / 2, viewport.height - 2) // no hover on the canvas
  await ana.screenshot({ path: path.join(ROOT, DRAWN_FILE) })
  console.log(`${DRAWN_FILE}: ${viewport.width}×${viewport.height}, cache flushed at tick ${before}`)
  await ana.context().close()
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-shots-'))
const server = await startServer(dataDir)
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const created = await fetch(`${ORIGIN}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Cells: poison tenant', templateId: TEMPLATE }),
  })
  const board = await created.json()
  // the first facilitator to open a template board draws its diagram
  const ana = await openAs(
    browser,
    { width: 1280, height: 720 },
    { id: 'shots-ana', name: 'Ana', color: '#e03131' },
  )
  await ana.goto(new URL(board.urls.facilitator, ORIGIN).toString())
  await waitForBoard(ana)
  await ana.waitForFunction(() => (window.lockstepEditor?.getCurrentPageShapes().length ?? 0) > 20)
  const session = await driveScenario(board.id, board.tokens.facilitator)

  for (const shot of SHOTS) {
    const viewer = await openAs(browser, shot.viewport, { id: 'shots-ben', name: 'Ben', color: '#1971c2' })
    await viewer.goto(new URL(board.urls.viewer, ORIGIN).toString())
    await waitForBoard(viewer)
    if (shot.tab) {
      await viewer.getByTestId(`dock-tab-${shot.tab}`).click()
      await viewer.waitForFunction(
        (prefix) =>
          document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith(prefix),
        `Step ${STEP}/`,
      )
    }
    await viewer.locator('[data-testid="sim-halo"][data-health="failed"]').first().waitFor()
    await viewer.evaluate(() => document.fonts.ready)
    await viewer.mouse.move(shot.viewport.width - 2, shot.viewport.height / 2) // no hover on the canvas
    const zoom = await viewer.evaluate(() => window.lockstepEditor?.getZoomLevel())
    await viewer.screenshot({ path: path.join(ROOT, shot.file) })
    console.log(
      `${shot.file}: ${shot.viewport.width}×${shot.viewport.height} at ${Math.round((zoom ?? 0) * 100)} %`,
    )
    await viewer.context().close()
  }
  session.disconnect()
  await photographDrawnRun(browser)
} finally {
  await browser.close()
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(dataDir, { recursive: true, force: true })
}
