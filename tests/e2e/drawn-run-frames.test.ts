import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { layeredDiagram } from '../../bench/scenarios/drawn-graph'
import { useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { drawSystem, panel, systemOf, waitForTick } from './drawn-kit'

/** How long each pan lasts (ms of the page's own frames); measured, never asserted. */
const PAN_MS = 3_000

interface PanRecord {
  /** Time between consecutive animation frames (ms). */
  frames: number[]
  /** Durations of the long tasks (> 50 ms) the page reported while panning (ms). */
  longTasks: number[]
}

/**
 * In the page: pans the camera a little every animation frame for `ms`, as a hand-tool drag does
 * (the hand tool sets the camera per pointer move), recording frame deltas and long tasks.
 */
function panAndRecord(ms: number): Promise<PanRecord> {
  const editor = window.lockstepEditor
  if (!editor) throw new Error('no editor')
  const start = editor.getCamera()
  const longTasks: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  })
  observer.observe({ type: 'longtask' })
  const frames: number[] = []
  return new Promise((resolve) => {
    let first: number | undefined
    let last: number | undefined
    const frame = (now: number) => {
      first ??= now
      if (last !== undefined) frames.push(now - last)
      last = now
      const t = (now - first) / ms
      // a loop across the diagram and back: sideways twice, down and up once
      editor.setCamera({
        x: start.x - 700 * Math.sin(2 * Math.PI * t),
        y: start.y - 600 * Math.sin(Math.PI * t),
        z: start.z,
      })
      if (now - first < ms) requestAnimationFrame(frame)
      else {
        for (const entry of observer.takeRecords()) longTasks.push(entry.duration)
        observer.disconnect()
        editor.setCamera(start)
        resolve({ frames, longTasks })
      }
    }
    requestAnimationFrame(frame)
  })
}

/** One line of figures: median and p95 frame time, frames per second, long tasks. */
function summary({ frames, longTasks }: PanRecord): string {
  const sorted = [...frames].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  const total = frames.reduce((sum, ms) => sum + ms, 0)
  return (
    `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ${((1000 * frames.length) / total).toFixed(1)} fps ` +
    `over ${frames.length} frames, ${longTasks.length} long tasks (max ${Math.round(Math.max(0, ...longTasks))} ms)`
  )
}

const tickOf = async (page: Page) => Number(await panel(page).getAttribute('data-tick'))

describe('frame times while panning a drawn run of 200 boxes, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('pans the 200-box, 400-arrow diagram with and without its run, printing frame times (the run ticks throughout)', async () => {
    const diagram = layeredDiagram()
    expect([diagram.boxes.length, diagram.calls?.length]).toEqual([200, 400])
    const board = await createTestBoard(server.url, 'Two hundred boxes')
    const { page } = await chromium.open(server.url)
    await page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(page)
    await drawSystem(page, systemOf(diagram))
    await waitForShapeCount(page, 600)
    await page.getByTestId('dock-tab-simulation').click()
    // the middle of the diagram in view, at a zoom that still shows each box's chips
    await page.evaluate(() => {
      const editor = window.lockstepEditor
      const bounds = editor?.getCurrentPageBounds()
      if (!editor || !bounds) throw new Error('nothing drawn')
      const { w, h } = editor.getViewportScreenBounds()
      const z = 0.6
      editor.setCamera({ x: w / 2 / z - bounds.midX, y: h / 2 / z - bounds.midY, z })
    })

    const reference = await page.evaluate(panAndRecord, PAN_MS)
    expect(await page.getByTestId('drawn-overlay').count()).toBe(0) // nothing ran yet

    await page.getByTestId('drawn-run').click()
    await panel(page).waitFor({ timeout: 10_000 })
    await waitForTick(page, 5)
    await page.locator('[data-testid="drawn-halo"]').first().waitFor()
    const tickBefore = await tickOf(page)
    const running = await page.evaluate(panAndRecord, PAN_MS)
    const tickAfter = await tickOf(page)

    console.log(
      `[pan frames, 200 boxes 400 arrows, ${PAN_MS / 1000} s] no run: ${summary(reference)}; ` +
        `run ticking ${tickBefore}→${tickAfter} with overlay: ${summary(running)}`,
    )
    expect(tickAfter).toBeGreaterThan(tickBefore) // the run played on while the canvas panned
    // frames were timed at all (how many is the figure printed above; a busy machine paints few)
    expect(reference.frames.length).toBeGreaterThan(1)
    expect(running.frames.length).toBeGreaterThan(1)
    expect(await page.getByTestId('drawn-halo').count()).toBe(200)
    expect(await page.getByTestId('drawn-chips').count()).toBe(200)
    // and each box's chips are laid out clear of every other box's, as drawn in this browser
    const overlapping = await page.evaluate(() => {
      const rects = [...document.querySelectorAll('[data-testid="drawn-chips"]')].map((chips) =>
        chips.getBoundingClientRect(),
      )
      return rects.flatMap((a, i) =>
        rects
          .slice(i + 1)
          .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          .map(() => i),
      ).length
    })
    expect(overlapping).toBe(0)
    // traffic moves along the calls that carry some
    expect(await page.locator('[data-testid="sim-flow"][data-moving="true"]').count()).toBeGreaterThan(0)
  })
})
