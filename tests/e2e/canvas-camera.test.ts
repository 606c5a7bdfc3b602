import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boxesOverlap } from '../../shared/templates/geometry'
import { launchChromium, openPerson, waitForBoard } from '../support/browser'
import { createTestBoard, removeDir, startTestServer, type TestServer } from '../support/test-server'

const TEMPLATE = 'cell-based'
const SCENARIO = 'cells-poison-tenant'
/** The smallest label size people read on a shared screen, in CSS pixels. */
const READABLE_PX = 11

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** The camera as people see it: zoom, the size template labels have on screen, what is in view. */
interface CameraReport {
  zoom: number
  labelPx: number
  canvas: Rect
  /** Panels over the canvas: the dock (when it opens over it) and tldraw's style panel. */
  panels: Rect[]
  /** Each template box of `templateId`, on screen. */
  boxes: Array<{ nodeId: string; rect: Rect }>
}

function cameraReport(page: Page, templateId: string): Promise<CameraReport> {
  return page.evaluate((templateId) => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const rect = (r: DOMRect) => ({ x: r.left, y: r.top, w: r.width, h: r.height })
    const label = document.querySelector('.tl-shape[data-shape-type="geo"] .tl-rich-text')
    const fontPx = label ? Number.parseFloat(getComputedStyle(label).fontSize) : 0
    const panels = [...document.querySelectorAll('[data-testid="dock"], .tlui-style-panel')].map((el) =>
      rect(el.getBoundingClientRect()),
    )
    const boxes = editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'geo' && s.meta.templateId === templateId)
      .flatMap((s) => {
        const b = editor.getShapePageBounds(s.id)
        if (!b) return []
        const a = editor.pageToScreen({ x: b.minX, y: b.minY })
        const c = editor.pageToScreen({ x: b.maxX, y: b.maxY })
        return [{ nodeId: String(s.meta.nodeId), rect: { x: a.x, y: a.y, w: c.x - a.x, h: c.y - a.y } }]
      })
    return {
      zoom: editor.getZoomLevel(),
      labelPx: fontPx * editor.getZoomLevel(),
      canvas: rect(editor.getContainer().getBoundingClientRect()),
      panels,
      boxes,
    }
  }, templateId)
}

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

/** Boxes wholly on the canvas and under no panel. */
const inClearView = (report: CameraReport) =>
  report.boxes.filter(
    (b) => inside(b.rect, report.canvas) && !report.panels.some((p) => boxesOverlap(b.rect, p)),
  )

/** Waits until the camera has stopped moving (two reads a frame apart agree). */
async function settledCamera(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const before = JSON.stringify(window.lockstepEditor?.getCamera())
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(JSON.stringify(window.lockstepEditor?.getCamera()) === before)),
        )
      }),
    undefined,
    { timeout: 10_000 },
  )
}

async function waitForTemplate(page: Page, templateId: string, minShapes: number): Promise<void> {
  await page.waitForFunction(
    ({ templateId, minShapes }) =>
      (window.lockstepEditor?.getCurrentPageShapes().filter((s) => s.meta.templateId === templateId).length ??
        0) >= minShapes,
    { templateId, minShapes },
    { timeout: 15_000 },
  )
}

/** Presses Step, revealing any question it asks first, until the step heading starts with `heading`. */
async function stepUntil(page: Page, heading: string): Promise<void> {
  const headingNow = () => page.getByTestId('sim-step-heading').textContent()
  for (let press = 0; press < 8; press++) {
    const before = await headingNow()
    if (before?.startsWith(heading)) return
    if ((await page.locator('[data-testid="checkpoint-card"][data-status="open"]').count()) > 0) {
      await page.getByTestId('checkpoint-reveal').click()
      await page
        .locator('[data-testid="checkpoint-card"][data-status="revealed"]')
        .waitFor({ timeout: 10_000 })
    }
    await page.getByTestId('sim-step').click()
    // the step moved, or Step asked its question first
    await page.waitForFunction(
      (was) =>
        document.querySelector('[data-testid="sim-step-heading"]')?.textContent !== was ||
        document.querySelector('[data-testid="checkpoint-card"][data-status="open"]') !== null,
      before,
      { timeout: 10_000 },
    )
  }
  throw new Error(`Step never reached "${heading}"`)
}

describe('the camera on template boards', () => {
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

  it('opens a template board at a zoom where labels are readable, on the start of the diagram', async () => {
    const board = await createTestBoard(server.url, 'Cells', TEMPLATE)
    const { page } = await openPerson(browser, server.url)
    await page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(page)
    await waitForTemplate(page, TEMPLATE, 20)
    await settledCamera(page)
    const report = await cameraReport(page, TEMPLATE)
    const clear = inClearView(report)
    console.log(
      `[opening camera] zoom ${report.zoom.toFixed(2)}, template labels ${report.labelPx.toFixed(1)} px on screen, ` +
        `${clear.length}/${report.boxes.length} boxes in clear view`,
    )
    expect(report.labelPx).toBeGreaterThanOrEqual(READABLE_PX)
    expect(clear.length).toBeGreaterThanOrEqual(3)
    // the start of the flow: the clients box (leftmost) is in view
    expect(clear.map((b) => b.nodeId)).toContain('clients')
  })

  it('inserts a template beside the diagram already there, and shows it', async () => {
    const board = await createTestBoard(server.url, 'Cells and Kappa', TEMPLATE)
    const { page } = await openPerson(browser, server.url)
    await page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(page)
    await waitForTemplate(page, TEMPLATE, 20)
    await page.getByTestId('insert-template-button').click()
    await page.getByTestId('template-search').fill('kappa')
    await page.getByTestId('insert-template-kappa-pipeline').click()
    await page.getByTestId('template-picker').waitFor({ state: 'detached' })
    await waitForTemplate(page, 'kappa-pipeline', 10)
    await settledCamera(page)

    const areas = await page.evaluate(() => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      const areaOf = (templateId: string) => {
        const ids = editor
          .getCurrentPageShapes()
          .filter((s) => s.meta.templateId === templateId)
          .map((s) => s.id)
        const b = editor.getShapesPageBounds(ids)
        return b ? { x: b.x, y: b.y, w: b.w, h: b.h } : null
      }
      return { cells: areaOf('cell-based'), kappa: areaOf('kappa-pipeline') }
    })
    if (!areas.cells || !areas.kappa) throw new Error('a template is missing')
    expect(boxesOverlap(areas.cells, areas.kappa)).toBe(false)
    const report = await cameraReport(page, 'kappa-pipeline')
    console.log(
      `[insert] kappa at x ${Math.round(areas.kappa.x)} beside cells ending at x ${Math.round(areas.cells.x + areas.cells.w)}; zoom ${report.zoom.toFixed(2)}`,
    )
    expect(inClearView(report).length).toBeGreaterThanOrEqual(2)
    expect(report.labelPx).toBeGreaterThanOrEqual(READABLE_PX)
  })

  it('moves the leader’s camera, and a follower’s, to what a step highlights, clear of the dock over a narrow canvas', async () => {
    const board = await createTestBoard(server.url, 'Cells steps', TEMPLATE)
    const ana = await openPerson(browser, server.url)
    await ana.page.setViewportSize({ width: 740, height: 800 })
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    await waitForTemplate(ana.page, TEMPLATE, 20)

    const ben = await openPerson(browser, server.url)
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben.page)
    await waitForTemplate(ben.page, TEMPLATE, 20)
    await ben.page.getByTestId('dock-tab-session').click()

    // On a narrow screen the dock opens over the canvas.
    await ana.page.getByTestId('dock-tab-session').click()
    await ana.page.locator('[data-testid="session-person"]').nth(1).waitFor()
    await ana.page.getByTestId('follow-me').click()
    await ben.page.getByTestId('follow-banner').waitFor({ timeout: 10_000 })

    await ana.page.getByTestId('dock-tab-simulation').click()
    await ana.page.getByTestId(`load-scenario-${SCENARIO}`).click()
    await ana.page.getByTestId('sim-step').waitFor()
    // Ana looks far away from the cells, then steps to step 2 (answering what Step asks on the way).
    await ana.page.evaluate(() => {
      window.lockstepEditor?.setCamera({ x: 20_000, y: 20_000, z: 0.3 })
    })
    await stepUntil(ana.page, 'Step 2/')
    // the step takes Ana's camera away from where she was looking (it stays there on the old build)
    await ana.page.waitForFunction(() => window.lockstepEditor?.getCamera().x !== 20_000, undefined, {
      timeout: 10_000,
    })

    const highlighted = async (page: Page) => {
      await settledCamera(page)
      const ids = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="sim-halo"][data-highlighted="true"]')].map((el) =>
          el.getAttribute('data-node-id'),
        ),
      )
      const report = await cameraReport(page, TEMPLATE)
      return { report, ids, clear: inClearView(report).filter((b) => ids.includes(b.nodeId)) }
    }
    const seenByAna = await highlighted(ana.page)
    console.log(
      `[step camera] leader at 740 px with the dock over the canvas: zoom ${seenByAna.report.zoom.toFixed(2)}, ` +
        `${seenByAna.clear.length}/${seenByAna.ids.length} highlighted boxes in clear view`,
    )
    expect(seenByAna.report.panels.length).toBeGreaterThan(0)
    expect(seenByAna.clear.length).toBeGreaterThanOrEqual(1)
    expect(seenByAna.report.labelPx).toBeGreaterThanOrEqual(READABLE_PX)

    await ben.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sim-halo"][data-highlighted="true"]').length > 0,
      undefined,
      { timeout: 15_000 },
    )
    const seenByBen = await highlighted(ben.page)
    console.log(
      `[step camera] follower: ${seenByBen.clear.length}/${seenByBen.ids.length} highlighted boxes in clear view`,
    )
    expect(seenByBen.clear.length).toBeGreaterThanOrEqual(1)
  })
})
