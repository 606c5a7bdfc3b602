import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

const MAX_TEXT = 200
/** Text the server refuses (over MAX_TEXT), recognisable in the bytes IndexedDB keeps. */
const REFUSED_TEXT = `refused-marker-${'x'.repeat(MAX_TEXT)}`

const addShape = (page: Page, id: string, text: string) =>
  page.evaluate(
    ({ shapeId, label }) => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      editor.createShape({
        id: shapeId as never,
        type: 'text',
        x: 100,
        y: 100,
        props: {
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }],
          },
        },
      })
    },
    { shapeId: id, label: text },
  )

const hasShape = (page: Page, id: string) =>
  page.evaluate((shapeId) => window.lockstepEditor?.getShape(shapeId as never) !== undefined, id)

const waitForShape = (page: Page, id: string) =>
  page.waitForFunction((shapeId) => window.lockstepEditor?.getShape(shapeId as never) !== undefined, id, {
    timeout: 15_000,
  })

/** How many of the updates this browser keeps for the board (y-indexeddb) contain `text`, of how many. */
function updatesHolding(
  page: Page,
  boardId: string,
  text: string,
): Promise<{ holding: number; all: number }> {
  return page.evaluate(
    async ({ name, needle }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      if (!db.objectStoreNames.contains('updates')) return { holding: 0, all: 0 }
      const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
        const request = db.transaction('updates').objectStore('updates').getAll()
        request.onsuccess = () => resolve(request.result as Uint8Array[])
        request.onerror = () => reject(request.error)
      })
      db.close()
      const latin1 = new TextDecoder('latin1')
      return { holding: updates.filter((u) => latin1.decode(u).includes(needle)).length, all: updates.length }
    },
    { name: `lockstep:${boardId}`, needle: text },
  )
}

describe('a change the server refuses, in Chromium', () => {
  const server = useTestServer({
    boardLimits: { maxRecords: 1000, maxTextChars: MAX_TEXT, embedHosts: [] },
  })
  const chromium = useChromium()

  it('tells the sender, rolls their copy back (in IndexedDB too), and never reaches anyone else', async () => {
    const board = await createTestBoard(server.url)
    const ana = (await chromium.open(server.url)).page
    const ben = (await chromium.open(server.url)).page
    await ana.goto(`${server.url}${board.urls.editor}`)
    await ben.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(ana)
    await waitForBoard(ben)
    // the positive path first: an ordinary change reaches the other person
    await addShape(ana, 'shape:fine', 'a fine label')
    await waitForShape(ben, 'shape:fine')

    await addShape(ana, 'shape:refused', REFUSED_TEXT)
    const notice = ana.getByTestId('board-notice')
    await notice.waitFor({ timeout: 15_000 })
    expect(await notice.textContent()).toMatch(/Your last change was not kept: Text is too long/)
    // ana's page starts over from the server's copy: connected again, without the refused shape
    await ana.waitForFunction(
      () => window.lockstepEditor?.getShape('shape:fine' as never) !== undefined,
      undefined,
      {
        timeout: 15_000,
      },
    )
    await waitForBoard(ana)
    expect(await hasShape(ana, 'shape:refused')).toBe(false)

    // a later change from ana still reaches ben, so ben had every chance to see the refused one
    await addShape(ana, 'shape:after', 'after the refusal')
    await waitForShape(ben, 'shape:after')
    expect(await hasShape(ben, 'shape:refused')).toBe(false)

    // this browser's copy holds the board but not the refused change, so a reload cannot bring it back
    await ana.waitForFunction(
      async ({ name }) => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const request = indexedDB.open(name)
          request.onsuccess = () => resolve(request.result)
        })
        const ok = db.objectStoreNames.contains('updates')
        db.close()
        return ok
      },
      { name: `lockstep:${board.id}` },
    )
    const kept = await updatesHolding(ana, board.id, 'after the refusal')
    expect(kept.holding).toBeGreaterThan(0)
    expect((await updatesHolding(ana, board.id, 'refused-marker')).holding).toBe(0)
    await ana.reload()
    await waitForBoard(ana)
    await waitForShape(ana, 'shape:after')
    expect(await hasShape(ana, 'shape:refused')).toBe(false)
    expect(await ana.getByTestId('board-notice').count()).toBe(0)
  })
})
