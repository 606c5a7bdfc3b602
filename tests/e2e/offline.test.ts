import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useChromium } from '../support/browser'
import {
  createTestBoard,
  removeDir,
  startTestServer,
  type TestServer,
  tempDataDir,
} from '../support/test-server'

const connection = (page: Page, state: string) =>
  page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ timeout: 30_000 })

const hasShape = (page: Page, id: string) =>
  page.waitForFunction((shapeId) => window.lockstepEditor?.getShape(shapeId as never) !== undefined, id, {
    timeout: 30_000,
  })

/** Adds a rectangle through the editor, as a tool would; it goes through the same binding as a drag. */
const addRectangle = (page: Page, id: string, x: number) =>
  page.evaluate(
    ({ shapeId, at }) => {
      window.lockstepEditor?.createShape({
        id: shapeId as never,
        type: 'geo',
        x: at,
        y: 100,
        props: { w: 120, h: 80 },
      })
    },
    { shapeId: id, at: x },
  )

describe('working through a server outage in Chromium', () => {
  const dataDir = tempDataDir()
  let server: TestServer
  const chromium = useChromium()

  beforeAll(async () => {
    server = await startTestServer({ dataDir })
  })
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('says it is offline, keeps editing locally, and merges when the server is back', async () => {
    chromium.expectError(
      /ERR_CONNECTION_REFUSED/,
      'the test stops the server: Chromium logs every refused reconnect',
    )
    const board = await createTestBoard(server.url)
    const ana = await chromium.open(server.url)
    const ben = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await ben.page.goto(`${server.url}${board.urls.editor}`)
    await connection(ana.page, 'connected')
    await connection(ben.page, 'connected')
    await addRectangle(ana.page, 'shape:before-outage', 0)
    await hasShape(ben.page, 'shape:before-outage')

    const port = server.port
    await server.close()
    await connection(ana.page, 'offline')
    await expect(ana.page.getByTestId('connection-state').textContent()).resolves.toContain(
      'changes kept on this device',
    )

    await addRectangle(ana.page, 'shape:during-outage', 300)
    expect(await ana.page.evaluate(() => window.lockstepEditor?.getCurrentPageShapes().length)).toBe(2)

    server = await startTestServer({ dataDir, port })
    await connection(ana.page, 'connected')
    await hasShape(ben.page, 'shape:during-outage')
    await addRectangle(ben.page, 'shape:after-outage', 600)
    await hasShape(ana.page, 'shape:after-outage')
  })
})
