import { describe, expect, it } from 'vitest'
import { DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { geoShape } from '../support/board-records'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

/** A small cap, so a board at it is quick to write: ten shapes, the document and the page. */
const MAX_RECORDS = 12
const SHAPES = MAX_RECORDS - 2

/**
 * Issue 16: the editor writes an attribution record for everyone who opens a board, which a board at
 * its cap refused; the page started over, and again, until it gave up ("refused").
 */
describe('a board at its cap, in Chromium', () => {
  const app = useTestServer({ boardLimits: { ...DEFAULT_BOARD_LIMITS, maxRecords: MAX_RECORDS } })
  const chromium = useChromium()

  it('opens for a newcomer, who stays connected and can still move its shapes', async () => {
    const board = await createTestBoard(app.url, 'full')
    const author = await app.client(board.id, board.tokens.editor)
    author.doc.transact(() => {
      for (let i = 0; i < SHAPES; i++)
        author.records.set(`shape:full${i}`, geoShape(`shape:full${i}`, { x: i * 150 }))
    })
    const room = await app.server.rooms.peek(board.id)
    const serverRecords = () => room?.doc.getMap(BOARD_DOC.recordsMap).size ?? 0
    await waitUntil(() => serverRecords() === MAX_RECORDS, 'the board to be full')

    const { page } = await chromium.open(app.url)
    await page.addInitScript(() => {
      const states: string[] = []
      Object.assign(window, { lockstepConnectionStates: states })
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state')
        if (state && states.at(-1) !== state) states.push(state)
      }).observe(document, { subtree: true, childList: true, attributes: true })
    })
    await page.goto(`${app.url}${board.urls.editor}`)
    await waitForBoard(page)
    // the editor made this person's attribution record
    await page.waitForFunction(() =>
      window.lockstepEditor?.store.allRecords().some((r) => r.typeName === 'user'),
    )

    // a move sent after it reaches the author: the server read this socket's earlier changes and kept it open
    await page.evaluate(() => {
      window.lockstepEditor?.updateShape({ id: 'shape:full0' as never, type: 'geo', x: 999 })
    })
    await waitUntil(
      () => (author.records.get('shape:full0') as { x?: number } | undefined)?.x === 999,
      'the newcomer’s move to reach the author',
    )

    const states = await page.evaluate(
      () => (window as unknown as { lockstepConnectionStates: string[] }).lockstepConnectionStates,
    )
    expect(states.filter((state) => state !== 'connecting')).toEqual(['connected'])
    expect(serverRecords()).toBe(MAX_RECORDS)
    expect(await page.evaluate(() => window.lockstepEditor?.getCurrentPageShapeIds().size)).toBe(SHAPES)
  })
})
