import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'

const TEMPLATE = 'cell-based'
const SCENARIO = 'cells-poison-tenant'
const FACILITATOR = 'Ana Facilitator'

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, name: string): Promise<void> {
  await page.addInitScript((name) => {
    window.localStorage.setItem(
      'lockstep:user',
      JSON.stringify({ id: 'e2e-facilitator', name, color: '#e03131' }),
    )
  }, name)
}

const heading = (page: Page) => page.getByTestId('sim-step-heading')

/** Waits until the Simulation tab shows "Step k/n — <title>". */
async function waitForStep(page: Page, scenario: Scenario, step: number): Promise<void> {
  const text = `Step ${step}/${scenario.steps.length} — ${scenario.steps[step - 1]?.title}`
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="sim-step-heading"]')?.textContent === text,
    text,
    { timeout: 15_000 },
  )
}

/** Step 2 carries a checkpoint about step 3: on step 2 the first Step asks it; after the reveal, Step advances. */
async function stepThroughCheckpoint(page: Page): Promise<void> {
  await page.getByTestId('sim-step').click()
  await page.locator('[data-testid="checkpoint-card"][data-status="open"]').waitFor({ timeout: 10_000 })
  await page.getByTestId('checkpoint-reveal').click()
  await page.locator('[data-testid="checkpoint-card"][data-status="revealed"]').waitFor({ timeout: 10_000 })
  await page.getByTestId('sim-step').click()
}

/** The halo around a template node's box, by node id and health. */
const halo = (page: Page, nodeId: string, health: string) =>
  page.locator(`[data-testid="sim-halo"][data-node-id="${nodeId}"][data-health="${health}"]`)

/** Waits until a node's halo is centred on its box, as the page's editor places the box on screen. */
async function waitForHaloOnBox(page: Page, nodeId: string): Promise<void> {
  await page.waitForFunction(
    (nodeId) => {
      const editor = window.lockstepEditor
      const shape = editor?.getCurrentPageShapes().find((s) => s.type === 'geo' && s.meta.nodeId === nodeId)
      const bounds = shape && editor?.getShapePageBounds(shape)
      const ring = document.querySelector(`[data-testid="sim-halo"][data-node-id="${nodeId}"]`)
      if (!editor || !bounds || !ring) return false
      const box = editor.pageToScreen(bounds.center)
      const drawn = ring.getBoundingClientRect()
      const centre = { x: drawn.x + drawn.width / 2, y: drawn.y + drawn.height / 2 }
      return Math.abs(centre.x - box.x) < 2 && Math.abs(centre.y - box.y) < 2
    },
    nodeId,
    { timeout: 10_000 },
  )
}

describe('the simulation in Chromium', () => {
  let server: TestServer
  const chromium = useChromium()
  let scenario: Scenario
  const foreign: string[][] = []

  beforeAll(async () => {
    server = await startTestServer()
    scenario = scenarioSchema.parse(await (await fetch(`${server.url}/api/scenarios/${SCENARIO}`)).json())
  })
  afterAll(async () => {
    await server?.close()
    if (server) removeDir(server.dataDir)
  })

  it('steps the cells scenario for everyone: a viewer sees step 3, a failed cell 2 and who drives it', async () => {
    const failedCell = scenario.binding.nodes['cell-2']?.[0]
    if (!failedCell) throw new Error('the scenario binds no box to cell-2')
    const board = await createTestBoard(server.url, 'Cells workshop', TEMPLATE)

    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    await nameThisBrowser(ana.page, FACILITATOR)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)

    await ana.page.getByTestId('dock-tab-simulation').click()
    await ana.page.locator(`[data-testid="scenario-item"][data-scenario-id="${SCENARIO}"]`).waitFor()
    await ana.page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await waitForStep(ana.page, scenario, 1)
    await ana.page.getByTestId('sim-step').click()
    await waitForStep(ana.page, scenario, 2)
    await stepThroughCheckpoint(ana.page)
    await waitForStep(ana.page, scenario, 3)
    await halo(ana.page, failedCell, 'failed').waitFor({ timeout: 15_000 })
    expect(await ana.page.getByTestId('sim-step').isEnabled()).toBe(true)

    const ben = await chromium.open(server.url)
    foreign.push(ben.foreignRequests)
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)
    await ben.page.getByTestId('dock-tab-simulation').click()
    await waitForStep(ben.page, scenario, 3)
    expect(await heading(ben.page).textContent()).toContain(`Step 3/${scenario.steps.length}`)
    await halo(ben.page, failedCell, 'failed').waitFor({ timeout: 15_000 })
    await waitForHaloOnBox(ben.page, failedCell)

    // The viewer sees who drives, and no controls they could not use.
    expect(await ben.page.getByTestId('sim-driven-by').textContent()).toBe(`Driven by ${FACILITATOR}`)
    expect(await ben.page.getByTestId('sim-controls').count()).toBe(0)

    // A reload comes straight back to the facilitator's step.
    await ben.page.reload()
    await waitForStep(ben.page, scenario, 3)
    await halo(ben.page, failedCell, 'failed').waitFor({ timeout: 15_000 })

    // The facilitator moves cell 2's box: the viewer's halo follows it.
    const moved = await ana.page.evaluate((nodeId) => {
      const editor = window.lockstepEditor
      const shape = editor?.getCurrentPageShapes().find((s) => s.type === 'geo' && s.meta.nodeId === nodeId)
      if (!editor || !shape) throw new Error(`no box for ${nodeId}`)
      editor.updateShapes([{ id: shape.id, type: shape.type, x: shape.x - 240, y: shape.y + 60 }])
      return { x: shape.x - 240, y: shape.y + 60 }
    }, failedCell)
    await ben.page.waitForFunction(
      ({ nodeId, x, y }) => {
        const shape = window.lockstepEditor?.getCurrentPageShapes().find((s) => s.meta.nodeId === nodeId)
        return shape?.x === x && shape.y === y
      },
      { nodeId: failedCell, ...moved },
      { timeout: 10_000 },
    )
    await waitForHaloOnBox(ben.page, failedCell)

    // Cell 2's boxes are deleted: the panel says which entity lost its picture, and the simulation goes on.
    const cell2Nodes = scenario.binding.nodes['cell-2'] ?? []
    await ana.page.evaluate((nodeIds) => {
      const editor = window.lockstepEditor
      const ids = editor
        ?.getCurrentPageShapes()
        .filter((s) => s.type === 'geo' && nodeIds.includes(String(s.meta.nodeId)))
      editor?.deleteShapes((ids ?? []).map((s) => s.id))
    }, cell2Nodes)
    const note = ben.page.locator('[data-testid="sim-canvas-note"] li[data-entity="cell-2"]')
    await note.waitFor({ timeout: 10_000 })
    expect(await note.textContent()).toContain('Cell 2 (cell-2) has no box on the canvas')
    expect(await halo(ben.page, failedCell, 'failed').count()).toBe(0)
    await ana.page.getByTestId('sim-step').click()
    await waitForStep(ben.page, scenario, 4)

    const room = await server.sessions.peek(board.id)
    expect(room?.hashMismatches).toBe(0)
  })

  it('brings a viewer back to the facilitator’s step after the server was away', async () => {
    chromium.expectError(
      /ERR_CONNECTION_REFUSED/,
      'the test stops the server: Chromium logs every refused reconnect',
    )
    const board = await createTestBoard(server.url, 'Cells after an outage', TEMPLATE)
    const ana = await chromium.open(server.url)
    const cleo = await chromium.open(server.url)
    foreign.push(ana.foreignRequests, cleo.foreignRequests)
    await nameThisBrowser(ana.page, FACILITATOR)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await cleo.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ana.page)
    await waitForBoard(cleo.page)
    for (const page of [ana.page, cleo.page]) await page.getByTestId('dock-tab-simulation').click()
    await ana.page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await waitForStep(ana.page, scenario, 1)
    await ana.page.getByTestId('sim-step').click()
    await waitForStep(cleo.page, scenario, 2)

    const { port, dataDir } = server
    await server.close()
    await cleo.page.getByTestId('sim-link').waitFor({ timeout: 15_000 })
    // the panel keeps showing the last step it knew while it reconnects
    expect(await heading(cleo.page).textContent()).toContain('Step 2/')
    server = await startTestServer({ dataDir, port })

    for (const page of [ana.page, cleo.page]) {
      await page.getByTestId('sim-link').waitFor({ state: 'detached', timeout: 30_000 })
    }
    await stepThroughCheckpoint(ana.page)
    await waitForStep(cleo.page, scenario, 3)
    await waitForStep(ana.page, scenario, 3)
  })

  it('fetched nothing from outside our own server', () => {
    expect(foreign.flat()).toEqual([])
  })
})
