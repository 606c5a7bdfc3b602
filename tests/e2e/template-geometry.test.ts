import { beforeAll, describe, expect, it } from 'vitest'
import { type TemplateSummary, templateSummarySchema } from '../../shared/protocol/templates'
import { boxesOverlap, expandBox, pathCrossesBox } from '../../shared/templates/geometry'
import { useChromium, waitForBoard } from '../support/browser'
import { renderedTemplate } from '../support/canvas-geometry'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

/**
 * Every shipped template as tldraw draws it in Chromium: no arrow passes through a box it does not
 * connect, no arrow label covers another label or a box.
 */
describe('template diagrams as rendered', () => {
  const server = useTestServer()
  const chromium = useChromium()
  let summaries: TemplateSummary[]

  beforeAll(async () => {
    summaries = templateSummarySchema.array().parse(await (await fetch(`${server.url}/api/templates`)).json())
  })

  it('draws every template with arrows around the boxes they do not connect and labels apart', async () => {
    const { page } = await chromium.open(server.url)
    const problems: string[] = []
    for (const summary of summaries) {
      const board = await createTestBoard(server.url, summary.title, summary.id)
      await page.goto(new URL(board.urls.facilitator, server.url).toString())
      await waitForBoard(page)
      await page.waitForFunction(
        ({ id, n }) =>
          window.lockstepEditor
            ?.getCurrentPageShapes()
            .filter((s) => s.meta.templateId === id && s.type === 'arrow').length === n,
        { id: summary.id, n: summary.edgeCount },
        { timeout: 15_000 },
      )
      const drawn = await renderedTemplate(page, summary.id)
      for (const arrow of drawn.arrows) {
        expect(arrow.path.length, `${summary.id}: ${arrow.nodeId} has a body`).toBeGreaterThan(1)
        for (const box of drawn.boxes) {
          if (box.nodeId === arrow.from || box.nodeId === arrow.to) continue
          if (pathCrossesBox(arrow.path, box.rect))
            problems.push(`${summary.id}: arrow ${arrow.nodeId} crosses box ${box.nodeId}`)
        }
      }
      const labels = drawn.arrows.flatMap((a) => (a.label ? [{ nodeId: a.nodeId, rect: a.label }] : []))
      for (const [i, label] of labels.entries()) {
        for (const other of labels.slice(i + 1))
          if (boxesOverlap(expandBox(label.rect, -1), other.rect))
            problems.push(`${summary.id}: label of ${label.nodeId} overlaps label of ${other.nodeId}`)
        for (const box of drawn.boxes)
          if (boxesOverlap(expandBox(label.rect, -1), box.rect))
            problems.push(`${summary.id}: label of ${label.nodeId} covers box ${box.nodeId}`)
      }
    }
    console.log(`[template geometry] ${summaries.length} templates checked, ${problems.length} problems`)
    expect(problems).toEqual([])
  })
})
