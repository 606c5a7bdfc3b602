import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { loadScenarios } from '../../server/content/scenario-catalog'
import { loadTemplates } from '../../server/content/template-catalog'
import { layoutTemplate } from '../../shared/templates/layout'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

/** The template whose laid-out diagram covers the most board area, and a scenario that runs on it. */
async function largestTemplate(): Promise<{ id: string; scenarioId: string | null; boxes: number }> {
  const templates = loadTemplates('content/templates')
  const laidOut = await Promise.all(templates.map((template) => layoutTemplate(template)))
  const area = (i: number) => (laidOut[i]?.bounds.w ?? 0) * (laidOut[i]?.bounds.h ?? 0)
  const largest = templates.map((_, i) => i).sort((a, b) => area(b) - area(a))[0] ?? 0
  const template = templates[largest]
  if (!template) throw new Error('no templates')
  const scenarios = loadScenarios('content/scenarios', (id) => templates.find((t) => t.id === id))
  const scenario = scenarios.find((s) => s.templateId === template.id)
  return { id: template.id, scenarioId: scenario?.id ?? null, boxes: template.nodes.length }
}

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

async function exportDefaultPng(page: Page): Promise<{ bytes: Buffer; ms: number; stages: string[] }> {
  await page.getByTestId('board-menu-button').click()
  await page.getByTestId('board-menu-export').click()
  expect(await page.getByTestId('export-format-png').isChecked()).toBe(true)
  expect(await page.getByTestId('export-size-slides').isChecked()).toBe(true)
  // when each stage of the progress line appears, to say where the time goes
  await page.evaluate(() => {
    const stages: Array<{ stage: string; at: number }> = []
    Object.assign(window, { lockstepExportStages: stages })
    new MutationObserver(() => {
      const stage = document.querySelector('[data-testid="export-progress"]')?.getAttribute('data-stage')
      if (stage && stages.at(-1)?.stage !== stage) stages.push({ stage, at: performance.now() })
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  const started = Date.now()
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-download').click(),
  ])
  const ms = Date.now() - started
  await page.getByTestId('export-dialog').waitFor({ state: 'detached' })
  const stages = await page.evaluate(() => {
    const seen = (window as unknown as { lockstepExportStages: Array<{ stage: string; at: number }> })
      .lockstepExportStages
    return seen.map((s, i) => `${s.stage} ${Math.round((seen[i + 1]?.at ?? performance.now()) - s.at)} ms`)
  })
  return { bytes: fs.readFileSync(await download.path()), ms, stages }
}

describe('PNG export of the largest template in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('makes a slide-sized PNG by default, with the simulation drawn in, and can still make a larger one', async () => {
    const largest = await largestTemplate()
    const board = await createTestBoard(server.url, 'Largest export', largest.id)
    const { page } = await chromium.open(server.url)
    await page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(page)
    await page.waitForFunction(
      (boxes) => (window.lockstepEditor?.getCurrentPageShapes().length ?? 0) >= boxes,
      largest.boxes,
      { timeout: 15_000 },
    )
    if (largest.scenarioId) {
      await page.getByTestId('dock-tab-simulation').click()
      await page.getByTestId(`load-scenario-${largest.scenarioId}`).click()
      await page.locator('[data-testid="sim-halo"]').first().waitFor({ timeout: 15_000 })
    }

    const slide = await exportDefaultPng(page)
    const size = pngSize(slide.bytes)
    console.log(
      `[export] default PNG of ${largest.id}${largest.scenarioId ? ' with its simulation' : ''}: ` +
        `${size.width}×${size.height} px, ${(slide.bytes.length / 1024).toFixed(0)} KB in ${slide.ms} ms (${slide.stages.join(', ')})`,
    )
    expect(size.width).toBeLessThanOrEqual(1920)
    expect(size.height).toBeLessThanOrEqual(1080)
    // fitted to the slide, not shrunk further
    expect(size.width === 1920 || size.height === 1080 || size.width === 1919 || size.height === 1079).toBe(
      true,
    )

    // "Large" is still there for a poster, and says how big it will be before it is made
    await page.getByTestId('board-menu-button').click()
    await page.getByTestId('board-menu-export').click()
    await page.getByTestId('export-size-large').check()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-download').click(),
    ])
    const large = pngSize(fs.readFileSync(await download.path()))
    expect(large.width).toBeGreaterThan(size.width)
    expect(large.width).toBeLessThanOrEqual(3840)
    expect(large.height).toBeLessThanOrEqual(2160)
  })
})
