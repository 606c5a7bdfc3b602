import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { type ScenarioSummary, scenarioSummarySchema } from '../../shared/protocol/scenarios'
import { type TemplateSummary, templateSummarySchema } from '../../shared/protocol/templates'
import { boxesOverlap, expandBox } from '../../shared/templates/geometry'
import { useChromium, waitForBoard } from '../support/browser'
import { renderedTemplate } from '../support/canvas-geometry'
import { joinSession } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

interface Rect {
  x: number
  y: number
  w: number
  h: number
}

interface ShownChip {
  /** "box <entity>" or "flow <n>": which chip, for the failure message. */
  name: string
  rect: Rect
}

/** Every simulation chip the page shows (box status chips and arrow flow chips), in page units. */
function shownChips(page: Page): Promise<ShownChip[]> {
  return page.evaluate(() => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const toPage = (r: DOMRect) => {
      const a = editor.screenToPage({ x: r.left, y: r.top })
      const b = editor.screenToPage({ x: r.right, y: r.bottom })
      return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y }
    }
    const chips = [...document.querySelectorAll<HTMLElement>('[data-testid="sim-chips"]')].map((el) => ({
      name: `box ${el.dataset.entity}`,
      rect: toPage(el.getBoundingClientRect()),
    }))
    const flows = [...document.querySelectorAll<HTMLElement>('[data-testid="sim-flow-chip"]')].map(
      (el, i) => ({
        name: `flow "${el.textContent}" #${i}`,
        rect: toPage(el.getBoundingClientRect()),
      }),
    )
    return [...chips, ...flows]
  })
}

/** Waits until the Simulation tab shows step `step` of `count`, then one frame for the overlay to paint. */
async function waitForStep(page: Page, step: number, count: number): Promise<void> {
  await page.waitForFunction(
    (prefix) => document.querySelector('[data-testid="sim-step-heading"]')?.textContent?.startsWith(prefix),
    `Step ${step}/${count} `,
    { timeout: 15_000 },
  )
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
}

/**
 * Every scenario's template as tldraw draws it, with the scenario running: at 100 % zoom no
 * simulation chip (a box's status chips or an arrow's flow chip) sits on an arrow's label or on
 * another chip, at any step.
 */
describe('simulation chips on the canvas', () => {
  const server = useTestServer()
  const chromium = useChromium()
  let scenarios: ScenarioSummary[]
  let templates: Map<string, TemplateSummary>

  beforeAll(async () => {
    scenarios = scenarioSummarySchema.array().parse(await (await fetch(`${server.url}/api/scenarios`)).json())
    const summaries = templateSummarySchema
      .array()
      .parse(await (await fetch(`${server.url}/api/templates`)).json())
    templates = new Map(summaries.map((t) => [t.id, t]))
  })

  it('keeps every chip off arrow labels and off other chips at every step of every scenario', async () => {
    const { page } = await chromium.open(server.url)
    const problems: string[] = []
    const chipsSeen = new Map<string, number>()
    for (const scenario of scenarios) {
      const template = templates.get(scenario.templateId)
      if (!template) throw new Error(`${scenario.id} runs on an unknown template ${scenario.templateId}`)
      const board = await createTestBoard(server.url, scenario.title, template.id)
      await page.goto(new URL(board.urls.facilitator, server.url).toString())
      await waitForBoard(page)
      await page.waitForFunction(
        ({ id, n }) =>
          window.lockstepEditor
            ?.getCurrentPageShapes()
            .filter((s) => s.meta.templateId === id && s.type === 'arrow').length === n,
        { id: template.id, n: template.edgeCount },
        { timeout: 15_000 },
      )
      await page.evaluate(() => {
        const editor = window.lockstepEditor
        if (!editor) throw new Error('no editor')
        editor.setCamera({ ...editor.getCamera(), z: 1 })
      })
      await page.getByTestId('dock-tab-simulation').click()
      const labels = (await renderedTemplate(page, template.id)).arrows.flatMap((a) =>
        a.label ? [{ nodeId: a.nodeId, rect: a.label }] : [],
      )

      const driver = await joinSession(server.url, board.id, board.tokens.facilitator, 'Chip Checker')
      try {
        const loaded = await driver.intent({ type: 'sim:load', scenarioId: scenario.id })
        expect(loaded, `${scenario.id} loads`).toMatchObject({ ok: true })
        for (let step = 1; step <= scenario.stepCount; step++) {
          if (step > 1) expect(await driver.intent({ type: 'sim:step' })).toMatchObject({ ok: true })
          await waitForStep(page, step, scenario.stepCount)
          const chips = await shownChips(page)
          chipsSeen.set(scenario.id, Math.max(chipsSeen.get(scenario.id) ?? 0, chips.length))
          const where = `${scenario.id} step ${step}`
          for (const [i, chip] of chips.entries()) {
            const inner = expandBox(chip.rect, -1)
            for (const label of labels)
              if (boxesOverlap(inner, label.rect))
                problems.push(`${where}: chip ${chip.name} covers the label of ${label.nodeId}`)
            for (const other of chips.slice(i + 1))
              if (boxesOverlap(inner, other.rect))
                problems.push(`${where}: chip ${chip.name} covers ${other.name}`)
          }
        }
      } finally {
        driver.close()
      }
    }
    console.log(
      `[simulation chips] ${scenarios.length} scenarios, chips seen: ${JSON.stringify(Object.fromEntries(chipsSeen))}, ${problems.length} problems`,
    )
    // the check ran on chips: every scenario shows some at one step at least
    for (const scenario of scenarios) expect(chipsSeen.get(scenario.id), scenario.id).toBeGreaterThan(0)
    expect(problems).toEqual([])
  })
})
