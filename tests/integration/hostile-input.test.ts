import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { createSeededRandom } from '../support/seeded-random'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { rawYjsSocket, shapeRecord } from '../support/yjs-client'

/** Frames that look more and more like protocol messages: pure noise, then valid headers with junk. */
function hostileFrame(random: () => number, i: number): Uint8Array {
  const length = 1 + Math.floor(random() * 64)
  const body = Uint8Array.from({ length }, () => Math.floor(random() * 256))
  switch (i % 5) {
    case 0:
      return body // noise
    case 1:
      return Uint8Array.from([0, 2, ...body]) // "sync update" + junk
    case 2:
      return Uint8Array.from([0, 0, ...body]) // "sync step 1" + junk
    case 3:
      return Uint8Array.from([1, ...body]) // "awareness" + junk
    default:
      return Uint8Array.from([0, 1, length, ...body.slice(0, Math.max(0, length - 2))]) // truncated step 2
  }
}

describe('hostile input on the Yjs endpoint', () => {
  const MAX = 64 * 1024
  const app = useTestServer({ maxMessageBytes: MAX })

  it('survives 1,000 random and malformed frames; the board and other clients carry on', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    const b = await app.client(board.id, board.tokens.editor)
    a.records.set('shape:before', shapeRecord('shape:before'))
    await waitUntil(() => b.records.has('shape:before'), 'the first edit')
    const before = JSON.stringify(b.records.toJSON())

    const random = createSeededRandom(20261124)
    let sent = 0
    let closedByServer = 0
    // One attacker socket at a time; each is closed by the server at its first bad frame, so we reconnect.
    while (sent < 1000) {
      const ws = rawYjsSocket(app.url, board.id, board.tokens.editor)
      await new Promise<void>((resolve) => ws.on('open', () => resolve()))
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
      while (sent < 1000 && ws.readyState === WebSocket.OPEN) {
        ws.send(hostileFrame(random, sent))
        sent++
        if (sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      if (ws.readyState === WebSocket.OPEN) ws.close()
      const code = await closed
      if (code === YJS_CLOSE.malformedMessage) closedByServer++
    }
    expect(sent).toBe(1000)
    expect(closedByServer).toBeGreaterThan(0)

    expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    expect(JSON.stringify(b.records.toJSON())).toBe(before)
    a.records.set('shape:after', shapeRecord('shape:after'))
    await waitUntil(() => b.records.has('shape:after'), 'an edit made after the attack')
  })

  it('closes only the socket that sends an oversized frame', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    const b = await app.client(board.id, board.tokens.editor)

    const big = new Y.Doc()
    big.getMap(BOARD_DOC.recordsMap).set('shape:huge', { blob: 'x'.repeat(MAX * 2) })
    const ws = rawYjsSocket(app.url, board.id, board.tokens.editor)
    await new Promise<void>((resolve) => ws.on('open', () => resolve()))
    const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)))
    ws.send(
      Uint8Array.from([0, 2, ...varUint(Y.encodeStateAsUpdate(big).length), ...Y.encodeStateAsUpdate(big)]),
    )
    expect(await code).toBe(YJS_CLOSE.messageTooBig)

    a.records.set('shape:small', shapeRecord('shape:small'))
    await waitUntil(() => b.records.has('shape:small'), 'an ordinary edit after the oversized one')
    expect(b.records.has('shape:huge')).toBe(false)
  })
})

function varUint(n: number): number[] {
  const bytes: number[] = []
  let rest = n
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  bytes.push(rest)
  return bytes
}
