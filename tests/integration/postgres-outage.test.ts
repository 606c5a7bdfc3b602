import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SESSION_REFUSAL } from '../../shared/protocol/session'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { geoShape } from '../support/board-records'
import { freshSchema, TEST_DATABASE_URL } from '../support/postgres'
import { joinSession } from '../support/session-client'
import { startTcpProxy } from '../support/tcp-proxy'
import { createTestBoard, startTestServer } from '../support/test-server'
import { waitUntil, within } from '../support/wait'
import { closeOf, rawYjsSocket, syncedBoardClient } from '../support/yjs-client'

describe('PostgreSQL out of reach', () => {
  it('pauses saving, relays nothing unstored, keeps serving, and stores everything once it is back', {
    timeout: 90_000,
  }, async () => {
    const { schema, drop } = await freshSchema()
    const target = new URL(TEST_DATABASE_URL)
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
    target.port = String(proxy.port)
    const server = await startTestServer({ databaseUrl: target.toString(), databaseSchema: schema })
    try {
      const board = await createTestBoard(server.url)
      const a = await syncedBoardClient(server.url, board.id, board.tokens.editor)
      const b = await syncedBoardClient(server.url, board.id, board.tokens.editor)
      a.records.set('shape:before', geoShape('shape:before'))
      await waitUntil(() => b.records.has('shape:before'), 'an edit before the outage')

      proxy.cut()
      a.records.set('shape:during', geoShape('shape:during'))
      await waitUntil(
        () => a.notices.some((n) => n.kind === 'saving-paused'),
        'a to be told saving is paused',
      )
      await waitUntil(() => b.notices.some((n) => n.kind === 'saving-paused'), 'b to be told too')
      expect((await within(fetch(`${server.url}/healthz`), 'healthz during the outage')).status).toBe(200)
      expect(b.records.has('shape:during')).toBe(false) // held, never relayed while unstored
      // someone opening the board now cannot be let in (their link is read from the database):
      // both sockets are refused with a reason, and nothing is left unhandled in the server
      expect(
        await within(closeOf(rawYjsSocket(server.url, board.id, board.tokens.editor)), 'a newcomer refused'),
      ).toEqual({
        code: 1011,
        reason: 'storage unavailable',
      })
      const refused = await within(
        joinSession(server.url, board.id, board.tokens.editor).catch(
          (error: Error & { data?: unknown }) => error.data,
        ),
        'a session newcomer refused',
      )
      // the tab is told to try again (socket.io does not retry a middleware's refusal by itself)
      expect(refused).toEqual({ code: SESSION_REFUSAL.storageUnavailable, retryAfterMs: 2000 })

      proxy.restore()
      await waitUntil(
        () => b.records.has('shape:during'),
        'the held edit to arrive once the database is back',
      )
      await waitUntil(() => a.notices.some((n) => n.kind === 'saving-resumed'), 'a to be told saving resumed')
      // and trying again now lets the newcomer in
      const newcomer = await within(
        joinSession(server.url, board.id, board.tokens.editor),
        'a newcomer let in',
      )
      newcomer.close()
      const stored = new Y.Doc()
      Y.applyUpdate(
        stored,
        (await within(server.store.loadDocument(board.id), 'reading the board back')) ?? new Uint8Array(),
      )
      expect(stored.getMap(BOARD_DOC.recordsMap).has('shape:during')).toBe(true)
      a.destroy()
      b.destroy()
    } finally {
      await within(server.close(), 'the server to close')
      await within(proxy.close(), 'the proxy to close')
      await within(drop(), 'the schema to be dropped')
    }
  })
})
