import { describe, expect, it } from 'vitest'
import { drawRectangle, shapeCount, useChromium, waitForBoard } from '../support/browser'
import { useTestServer } from '../support/use-test-server'

describe('the real-time board in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  const foreign: string[][] = []

  it('syncs a drawn rectangle to an editor, keeps a viewer read-only, and survives a reload', async () => {
    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    await ana.page.goto(`${server.url}/`)
    await ana.page.getByTestId('new-board').click()
    await ana.page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}#k=/)
    await ana.page.getByTestId('share-dialog').waitFor()
    const editorLink = await ana.page.getByTestId('share-link-editor').inputValue()
    const viewerLink = await ana.page.getByTestId('share-link-viewer').inputValue()
    expect(await ana.page.getByTestId('share-link-facilitator').inputValue()).toContain('#k=')
    await ana.page.keyboard.press('Escape')
    await waitForBoard(ana.page)

    const ben = await chromium.open(server.url)
    foreign.push(ben.foreignRequests)
    await ben.page.goto(editorLink)
    await waitForBoard(ben.page)

    await drawRectangle(ana.page, { x: 500, y: 350 })
    expect(await shapeCount(ana.page)).toBe(1)
    await ben.page.waitForFunction(
      () => window.lockstepEditor?.getCurrentPageShapes().some((s) => s.type === 'geo'),
      undefined,
      { timeout: 10_000 },
    )

    const cleo = await chromium.open(server.url)
    foreign.push(cleo.foreignRequests)
    await cleo.page.goto(viewerLink)
    await waitForBoard(cleo.page)
    await cleo.page.getByTestId('view-only-badge').waitFor()
    await cleo.page.waitForFunction(() => window.lockstepEditor?.getCurrentPageShapes().length === 1)
    await drawRectangle(cleo.page, { x: 300, y: 300 })
    expect(await shapeCount(cleo.page)).toBe(1)
    // A crafted viewer writes straight into its Yjs document: the server must drop it for everyone.
    await cleo.page.evaluate(() => {
      const records = window.lockstepDoc?.getMap('tldraw')
      const [shape] = window.lockstepEditor?.getCurrentPageShapes() ?? []
      if (records && shape) records.set('shape:crafted', { ...shape, id: 'shape:crafted', x: shape.x + 400 })
    })
    await drawRectangle(ben.page, { x: 700, y: 500 }) // a sentinel edit after the crafted one
    await ana.page.waitForFunction(() => window.lockstepEditor?.getCurrentPageShapes().length === 2)
    expect(await shapeCount(ana.page)).toBe(2)
    expect(await ana.page.evaluate(() => window.lockstepDoc?.getMap('tldraw').has('shape:crafted'))).toBe(
      false,
    )

    await ben.page.reload()
    await waitForBoard(ben.page)
    await ben.page.waitForFunction(() => window.lockstepEditor?.getCurrentPageShapes().length === 2)
    expect(await ben.page.evaluate(() => window.lockstepDoc?.getMap('tldraw').has('shape:crafted'))).toBe(
      false,
    )
  })

  it('fetched nothing from outside our own server (fonts, icons and translations are self-hosted)', () => {
    expect(foreign.flat()).toEqual([])
  })
})
