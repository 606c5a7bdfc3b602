import { describe, expect, it } from 'vitest'
import { contentOfState } from '../../server/boards/board-content'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { BOARD_SCHEMA, embedShape, frameShape, geoShape, imageAsset } from '../support/board-records'
import { createTestBoard } from '../support/test-server'
import { type TestServerFixture, useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { type BoardClient, connectBoardClient, shapeCount } from '../support/yjs-client'

/** The first time the server ends this client's connection for good: its close code and reason. */
function refusalOf(client: BoardClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.provider.once('closed', (close) => resolve(close)))
}

/** What storage holds for a board once the room has written everything it accepted. */
async function storedIds(app: TestServerFixture, boardId: string): Promise<string[]> {
  const room = await app.server.rooms.peek(boardId)
  await room?.flush()
  return contentOfState(await app.server.store.loadDocument(boardId)).content.records.map((r) => r.id)
}

/**
 * A hostile editor writes `write` through Yjs; an honest editor and a viewer watch. The server must
 * close the hostile socket with the reason, and nobody else — nor storage — may see the change.
 */
async function expectRefused(
  app: TestServerFixture,
  write: (hostile: BoardClient) => void,
  reason: RegExp,
  hostileIds: string[],
) {
  const board = await createTestBoard(app.url)
  const peer = await app.client(board.id, board.tokens.editor)
  const viewer = await app.client(board.id, board.tokens.viewer)
  const hostile = await app.client(board.id, board.tokens.editor)
  // the positive path first: an honest change reaches everyone and storage
  hostile.records.set('shape:honest', geoShape('shape:honest', { text: 'fine' }))
  await waitUntil(
    () => peer.records.has('shape:honest') && viewer.records.has('shape:honest'),
    'the honest edit',
  )

  const refused = refusalOf(hostile)
  write(hostile)
  const close = await refused
  expect(close.code).toBe(YJS_CLOSE.changeRefused)
  expect(close.reason).toMatch(reason)

  // a change sent after the refusal still travels, so the peers had every chance to see the bad one
  peer.records.set('shape:after', geoShape('shape:after'))
  await waitUntil(() => viewer.records.has('shape:after'), 'a later edit')
  for (const id of hostileIds) {
    expect(peer.records.has(id)).toBe(false)
    expect(viewer.records.has(id)).toBe(false)
  }
  const stored = await storedIds(app, board.id)
  expect(stored).toContain('shape:honest')
  for (const id of hostileIds) expect(stored).not.toContain(id)

  // the sender starts over: a fresh copy from the server holds none of it
  const fresh = await app.client(board.id, board.tokens.editor)
  for (const id of hostileIds) expect(fresh.records.has(id)).toBe(false)
  expect(fresh.doc.getMap(BOARD_DOC.metaMap).get(BOARD_DOC.schemaKey)).toEqual(BOARD_SCHEMA)
}

describe('content rules on the Yjs path', () => {
  const app = useTestServer({ boardLimits: { maxRecords: 100, maxTextChars: 10_000, embedHosts: [] } })

  it('refuses a parent cycle of three shapes', async () => {
    await expectRefused(
      app,
      (hostile) =>
        hostile.doc.transact(() => {
          hostile.records.set('shape:x', frameShape('shape:x', { parentId: 'shape:z' }))
          hostile.records.set('shape:y', frameShape('shape:y', { parentId: 'shape:x' }))
          hostile.records.set('shape:z', frameShape('shape:z', { parentId: 'shape:y' }))
        }),
      /loop/,
      ['shape:x', 'shape:y', 'shape:z'],
    )
  })

  // (5 MB does not get this far: a frame over MAX_MESSAGE_BYTES, 4 MiB, is closed with 1009 — yjs-sync.test.ts)
  it('refuses a shape with 200 KB of text, and one with 3 MB', async () => {
    for (const size of [200_000, 3_000_000]) {
      await expectRefused(
        app,
        (hostile) => hostile.records.set('shape:wall', geoShape('shape:wall', { text: 'x'.repeat(size) })),
        /Text is too long/,
        ['shape:wall'],
      )
    }
  })

  it('refuses a bogus schema in the meta map', async () => {
    const bogus = { schemaVersion: 2, sequences: { ...BOARD_SCHEMA.sequences, 'com.tldraw.shape.geo': 999 } }
    await expectRefused(
      app,
      (hostile) => hostile.doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.schemaKey, bogus),
      /another version of the editor/,
      [],
    )
  })

  it('refuses an embed (no hosts allowed) and a picture from another site', async () => {
    await expectRefused(
      app,
      (hostile) => hostile.records.set('shape:embed', embedShape('shape:embed', 'https://example.org/page')),
      /Embedded pages/,
      ['shape:embed'],
    )
    await expectRefused(
      app,
      (hostile) => hostile.records.set('asset:pic', imageAsset('asset:pic', 'https://example.org/pixel.png')),
      /other sites/,
      ['asset:pic'],
    )
  })

  it('refuses the update that would take a board past its record limit, over several updates', async () => {
    const board = await createTestBoard(app.url)
    const peer = await app.client(board.id, board.tokens.editor)
    const watcher = await app.client(board.id, board.tokens.viewer)
    const hostile = connectBoardClient(app.url, board.id, board.tokens.editor)
    try {
      await waitUntil(() => hostile.provider.synced, 'the client to sync')
      const refused = refusalOf(hostile)
      // ten updates of 20 shapes: the board (document, page) fills up during the fifth
      for (let update = 0; update < 10 && hostile.provider.wsconnected; update++) {
        hostile.doc.transact(() => {
          for (let i = 0; i < 20; i++)
            hostile.records.set(`shape:u${update}n${i}`, geoShape(`shape:u${update}n${i}`))
        })
        if (update < 4)
          await waitUntil(() => shapeCount(peer.records) === (update + 1) * 20, `update ${update}`)
      }
      expect((await refused).reason).toMatch(/full/)
      // the board stays usable: the refused shapes are nowhere, and later edits still land
      peer.records.set('shape:after', geoShape('shape:after'))
      await waitUntil(() => watcher.records.has('shape:after'), 'a later edit')
      expect(shapeCount(watcher.records)).toBe(81)
      expect((await storedIds(app, board.id)).length).toBe(83) // 81 shapes, the document and the page
    } finally {
      hostile.destroy()
    }
  })
})
