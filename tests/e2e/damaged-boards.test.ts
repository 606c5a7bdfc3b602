import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { BOARD_SCHEMA, embedShape, frameShape, geoShape } from '../support/board-records'
import { type ChromiumFixture, useChromium, waitForBoard } from '../support/browser'
import type { RestClient } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { writeUnchecked } from '../support/unchecked-board'
import { type TestServerFixture, useTestServer } from '../support/use-test-server'

/**
 * Boards damaged before the server checked changes (written here straight into storage) must never
 * freeze a page: what cannot be drawn is skipped and said, and a board beyond repair opens in safe
 * mode. Each wait is bounded: a frozen page fails it.
 */

/** How long a page may take to become usable; the frozen pages of issue 12 never did. */
const READY_MS = 30_000
/** 100,000 shapes are 37 MB of Yjs: the server and the browser each take seconds just to decode them. */
const HUGE_READY_MS = 120_000

const skippedNote = (page: Page) => page.getByTestId('skipped-records')
const safeMode = (page: Page) => page.getByTestId('safe-mode')

async function open(chromium: ChromiumFixture, server: TestServerFixture, link: string) {
  const person = await chromium.open(server.url)
  await person.page.goto(`${server.url}${link}`)
  return person
}

/** Waits for the canvas, then for the note saying how many records were left out. */
async function expectSkipped(page: Page, count: number, text: RegExp) {
  await page.waitForFunction(() => window.lockstepEditor !== undefined, undefined, { timeout: READY_MS })
  await waitForBoard(page)
  await skippedNote(page).waitFor({ timeout: READY_MS })
  expect(await skippedNote(page).getAttribute('data-count')).toBe(String(count))
  expect(await skippedNote(page).textContent()).toMatch(text)
}

const hasShape = (page: Page, id: string) =>
  page.evaluate((shapeId) => window.lockstepEditor?.getShape(shapeId as never) !== undefined, id)

describe('a board damaged before the server checked changes, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('draws a board holding a parent loop of three shapes, without the loop, and says so', async () => {
    const board = await createTestBoard(server.url)
    await writeUnchecked(server.server, board.id, (records) => {
      records.set('shape:x', frameShape('shape:x', { parentId: 'shape:z' }))
      records.set('shape:y', frameShape('shape:y', { parentId: 'shape:x' }))
      records.set('shape:z', frameShape('shape:z', { parentId: 'shape:y' }))
      records.set('shape:fine', geoShape('shape:fine', { x: 500, text: 'still here' }))
    })
    const ana = await open(chromium, server, board.urls.facilitator)
    await expectSkipped(ana.page, 3, /^3 shapes could not be shown/)
    expect(await hasShape(ana.page, 'shape:fine')).toBe(true)
    expect(await hasShape(ana.page, 'shape:x')).toBe(false)
    // a second, fresh page too
    const ben = await open(chromium, server, board.urls.editor)
    await expectSkipped(ben.page, 3, /^3 shapes could not be shown/)
  })

  it('draws a board holding one shape with 5 MB of text, without that shape, and says so', async () => {
    const board = await createTestBoard(server.url)
    await writeUnchecked(server.server, board.id, (records) => {
      records.set('shape:huge', geoShape('shape:huge', { text: 'lorem '.repeat(850_000) }))
      records.set('shape:fine', geoShape('shape:fine', { x: 500 }))
    })
    const ana = await open(chromium, server, board.urls.editor)
    await expectSkipped(ana.page, 1, /^1 shape could not be shown/)
    expect(await hasShape(ana.page, 'shape:fine')).toBe(true)
    expect(await hasShape(ana.page, 'shape:huge')).toBe(false)
  })

  it('loads no outside page for an embed shape written before embeds were checked', async () => {
    const board = await createTestBoard(server.url)
    await writeUnchecked(server.server, board.id, (records) => {
      records.set('shape:embed', embedShape('shape:embed', 'https://example.com/'))
    })
    const ana = await open(chromium, server, board.urls.viewer)
    await expectSkipped(ana.page, 1, /^1 shape could not be shown/)
    expect(await hasShape(ana.page, 'shape:embed')).toBe(false)
    expect(await ana.page.locator('iframe').count()).toBe(0)
    expect(ana.foreignRequests).toEqual([])
  })

  it('opens a board of 100,000 shapes in safe mode, from which the facilitator replaces the editor link', async () => {
    const board = await createTestBoard(server.url)
    await writeUnchecked(server.server, board.id, (records) => {
      for (let i = 0; i < 100_000; i++) records.set(`shape:n${i}`, geoShape(`shape:n${i}`, { x: i * 10 }))
    })
    const ana = await open(chromium, server, board.urls.facilitator)
    await safeMode(ana.page).waitFor({ timeout: HUGE_READY_MS })
    expect(await safeMode(ana.page).getAttribute('data-damage')).toBe('too_many_records')
    expect(await ana.page.evaluate(() => document.querySelector('.tl-canvas'))).toBeNull()

    await ana.page.getByTestId('safe-mode-links').click()
    await ana.page.getByTestId('replace-link-editor').click()
    await ana.page.getByTestId('confirm-replace-editor').click()
    await ana.page.getByTestId('replace-link-editor').waitFor() // back to idle: replaced
    expect((await server.rest.get(`/api/boards/${board.id}`, board.tokens.editor)).status).toBe(401)
  }, 240_000)

  it('opens a board with a bogus schema in safe mode; the facilitator restores a version and it opens for everyone', async () => {
    const board = await createTestBoard(server.url)
    await writeUnchecked(server.server, board.id, (records) => {
      records.set('shape:kept', geoShape('shape:kept', { text: 'from the version' }))
    })
    await saveVersion(server.rest, board, 'Before the damage')
    await writeUnchecked(server.server, board.id, (records, meta) => {
      records.delete('shape:kept')
      meta.set(BOARD_DOC.schemaKey, {
        ...BOARD_SCHEMA,
        sequences: { ...BOARD_SCHEMA.sequences, 'com.tldraw.shape.geo': 999 },
      })
    })
    const ana = await open(chromium, server, board.urls.facilitator)
    const ben = await open(chromium, server, board.urls.editor)
    await safeMode(ana.page).waitFor({ timeout: READY_MS })
    await safeMode(ben.page).waitFor({ timeout: READY_MS })
    expect(await safeMode(ana.page).getAttribute('data-damage')).toBe('schema_mismatch')
    // everyone else is told what is going on, and has nothing to press
    expect(await safeMode(ben.page).textContent()).toMatch(/facilitator can restore a saved version/)
    expect(await ben.page.getByTestId('safe-mode-versions').count()).toBe(0)

    await ana.page.getByTestId('safe-mode-versions').click()
    await ana.page.getByTestId('version-restore').click()
    await ana.page.getByTestId('version-restore-confirm').click()
    for (const page of [ana.page, ben.page]) {
      await waitForBoard(page)
      await page.waitForFunction(() => window.lockstepEditor?.getShape('shape:kept' as never) !== undefined)
    }
  })
})

async function saveVersion(rest: RestClient, board: CreateBoardResponse, name: string) {
  const res = await rest.post(`/api/boards/${board.id}/versions`, board.tokens.facilitator, { name })
  expect(res.status).toBe(201)
}
