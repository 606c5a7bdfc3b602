import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  laidOutTemplateSchema,
  type TemplateSummary,
  templateSummarySchema,
} from '../../shared/protocol/templates'
import { useChromium, waitForBoard } from '../support/browser'
import { useTestServer } from '../support/use-test-server'

/** Which of a template's shapes to count: one shape type, or all of them. */
interface ShapeQuery {
  templateId: string
  type?: 'geo' | 'arrow' | 'frame' | 'note'
}

const countShapes = (page: Page, query: ShapeQuery) =>
  page.evaluate(
    ({ templateId, type }) =>
      window.lockstepEditor
        ?.getCurrentPageShapes()
        .filter((s) => s.meta.templateId === templateId && (type === undefined || s.type === type)).length ??
      -1,
    query,
  )

/** Waits until the page shows exactly `count` of a template's shapes. */
async function waitForShapes(page: Page, query: ShapeQuery, count: number): Promise<void> {
  await page.waitForFunction(
    ({ templateId, type, count }) =>
      window.lockstepEditor
        ?.getCurrentPageShapes()
        .filter((s) => s.meta.templateId === templateId && (type === undefined || s.type === type)).length ===
      count,
    { ...query, count },
    { timeout: 15_000 },
  )
}

/**
 * Centres the view on a template node's box (a board opens at a readable zoom on the diagram's
 * start, so a box further along may be out of view) and says where it is, in page-relative pixels.
 */
const boxCentreOnScreen = (page: Page, nodeId: string) =>
  page.evaluate((nodeId) => {
    const editor = window.lockstepEditor
    const shape = editor?.getCurrentPageShapes().find((s) => s.type === 'geo' && s.meta.nodeId === nodeId)
    const bounds = shape && editor?.getShapePageBounds(shape)
    if (!editor || !bounds) throw new Error(`no box for ${nodeId}`)
    editor.centerOnPoint(bounds.center)
    const point = editor.pageToViewport(bounds.center)
    return { x: point.x, y: point.y }
  }, nodeId)

describe('templates in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  let summaries: TemplateSummary[]
  const foreign: string[][] = []

  const summaryOf = (id: string): TemplateSummary => {
    const found = summaries.find((t) => t.id === id)
    if (!found) throw new Error(`the server has no template ${id}`)
    return found
  }

  beforeAll(async () => {
    const res = await fetch(`${server.url}/api/templates`)
    summaries = templateSummarySchema.array().parse(await res.json())
  })

  it('starts a board from the cell-based template, shares it, and undoes only the inserting person’s Kappa copy', async () => {
    const cells = summaryOf('cell-based')
    const kappa = summaryOf('kappa-pipeline')

    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    await ana.page.goto(`${server.url}/`)
    await ana.page.getByTestId('template-gallery').waitFor()
    await ana.page.locator('[data-testid="template-card"][data-template-id="cell-based"]').waitFor()
    await ana.page.getByTestId('start-template-cell-based').click()
    await ana.page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}#k=/)
    await ana.page.getByTestId('share-dialog').waitFor()
    const editorLink = await ana.page.getByTestId('share-link-editor').inputValue()
    const viewerLink = await ana.page.getByTestId('share-link-viewer').inputValue()
    await ana.page.keyboard.press('Escape')
    await waitForBoard(ana.page)

    await waitForShapes(ana.page, { templateId: 'cell-based', type: 'geo' }, cells.nodeCount)
    await waitForShapes(ana.page, { templateId: 'cell-based', type: 'arrow' }, cells.edgeCount)
    const cellShapes = await countShapes(ana.page, { templateId: 'cell-based' })
    expect(await ana.page.evaluate(() => window.lockstepDoc?.getMap('meta').get('startTemplate'))).toBe(
      'cell-based',
    )

    const ben = await chromium.open(server.url)
    foreign.push(ben.foreignRequests)
    await ben.page.goto(editorLink)
    await waitForBoard(ben.page)
    await waitForShapes(ben.page, { templateId: 'cell-based', type: 'geo' }, cells.nodeCount)
    await waitForShapes(ben.page, { templateId: 'cell-based', type: 'arrow' }, cells.edgeCount)
    expect(await countShapes(ben.page, { templateId: 'cell-based' })).toBe(cellShapes)

    // Hovering a box tells what that component is responsible for.
    const laidOut = laidOutTemplateSchema.parse(
      await (await fetch(`${server.url}/api/templates/cell-based`)).json(),
    )
    const router = laidOut.template.nodes.find((n) => n.id === 'cell-router')
    const routerCentre = await boxCentreOnScreen(ana.page, 'cell-router')
    await ana.page.mouse.move(routerCentre.x, routerCentre.y, { steps: 4 })
    const card = ana.page.locator('[data-testid="component-card"][data-node-id="cell-router"]')
    await card.waitFor()
    expect(await card.getByTestId('component-card-role').textContent()).toBe(router?.role)
    await ana.page.mouse.move(4, 400)
    await card.waitFor({ state: 'detached' })

    await ana.page.getByTestId('insert-template-button').click()
    await ana.page.getByTestId('template-picker').waitFor()
    await ana.page.getByTestId('template-search').fill('kappa')
    await ana.page.getByTestId('insert-template-kappa-pipeline').click()
    await ana.page.getByTestId('template-picker').waitFor({ state: 'detached' })
    await waitForShapes(ana.page, { templateId: 'kappa-pipeline', type: 'geo' }, kappa.nodeCount)
    await waitForShapes(ana.page, { templateId: 'kappa-pipeline', type: 'arrow' }, kappa.edgeCount)
    await waitForShapes(ben.page, { templateId: 'kappa-pipeline', type: 'geo' }, kappa.nodeCount)
    await waitForShapes(ben.page, { templateId: 'kappa-pipeline', type: 'arrow' }, kappa.edgeCount)

    // One undo takes the whole insertion away, for everyone; the start content is nobody's to undo.
    await ana.page.keyboard.press('Control+z')
    for (const page of [ana.page, ben.page]) {
      await waitForShapes(page, { templateId: 'kappa-pipeline' }, 0)
      expect(await countShapes(page, { templateId: 'cell-based' })).toBe(cellShapes)
    }
    await ana.page.keyboard.press('Control+z')
    expect(await countShapes(ana.page, { templateId: 'cell-based' })).toBe(cellShapes)

    // A viewer sees the board as it is, is not offered templates, and adds nothing.
    const cleo = await chromium.open(server.url)
    foreign.push(cleo.foreignRequests)
    await cleo.page.goto(viewerLink)
    await waitForBoard(cleo.page)
    await cleo.page.getByTestId('view-only-badge').waitFor()
    await waitForShapes(cleo.page, { templateId: 'cell-based' }, cellShapes)
    expect(await cleo.page.getByTestId('insert-template-button').count()).toBe(0)
    expect(await countShapes(cleo.page, { templateId: 'kappa-pipeline' })).toBe(0)
  })

  it('inserts the same template twice as two independent copies', async () => {
    const kappa = summaryOf('kappa-pipeline')
    const dana = await chromium.open(server.url)
    foreign.push(dana.foreignRequests)
    await dana.page.goto(`${server.url}/`)
    await dana.page.getByTestId('new-board').click()
    await dana.page.getByTestId('share-dialog').waitFor()
    await dana.page.keyboard.press('Escape')
    await waitForBoard(dana.page)

    for (const copies of [1, 2]) {
      await dana.page.getByTestId('insert-template-button').click()
      await dana.page.getByTestId('insert-template-kappa-pipeline').click()
      await dana.page.getByTestId('template-picker').waitFor({ state: 'detached' })
      await waitForShapes(dana.page, { templateId: 'kappa-pipeline', type: 'geo' }, copies * kappa.nodeCount)
    }
    const insertions = await dana.page.evaluate(
      () =>
        new Set(
          window.lockstepEditor
            ?.getCurrentPageShapes()
            .filter((s) => s.meta.templateId === 'kappa-pipeline')
            .map((s) => s.meta.insertionId),
        ).size,
    )
    expect(insertions).toBe(2)

    // Undo removes the second copy and leaves the first one whole.
    await dana.page.keyboard.press('Control+z')
    await waitForShapes(dana.page, { templateId: 'kappa-pipeline', type: 'geo' }, kappa.nodeCount)
    await waitForShapes(dana.page, { templateId: 'kappa-pipeline', type: 'arrow' }, kappa.edgeCount)
  })

  it('filters the gallery as you type and says so kindly when nothing matches', async () => {
    const eve = await chromium.open(server.url)
    foreign.push(eve.foreignRequests)
    await eve.page.goto(`${server.url}/`)
    const cards = eve.page.getByTestId('template-card')
    await cards.first().waitFor()
    expect(await cards.count()).toBe(summaries.length)
    await eve.page.getByTestId('template-search').fill('medallion')
    await eve.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="template-card"]').length < 4,
      undefined,
      { timeout: 5_000 },
    )
    const shown = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-template-id')))
    expect(shown).toContain('medallion-lakehouse')
    await eve.page.getByTestId('template-search').fill('no such template anywhere')
    await eve.page.getByTestId('template-search-empty').waitFor()
    expect(await cards.count()).toBe(0)
  })

  it('fetched nothing from outside our own server', () => {
    expect(foreign.flat()).toEqual([])
  })
})
