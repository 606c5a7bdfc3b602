import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { defaultSyncLimits } from '../../server/sync/connection-limits'
import { BOARD_DOC, YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { geoShape } from '../support/board-records'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { openRawYjsSocket } from '../support/yjs-client'

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024
const LIMITS = defaultSyncLimits(MAX_MESSAGE_BYTES)

/** An awareness message speaking for `entries` client ids. */
function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

/** A sync `update` message carrying a Yjs update. */
function updateFrame(update: Uint8Array): Uint8Array {
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 0)
  encoding.writeVarUint(frame, 2)
  encoding.writeVarUint8Array(frame, update)
  return encoding.toUint8Array(frame)
}

/** Counts the frames of one message type a raw socket receives. */
function countFrames(ws: WebSocket, type: number): { count: number } {
  const counter = { count: 0 }
  ws.on('message', (frame: Buffer) => {
    if (frame[0] === type) counter.count++
  })
  return counter
}

/** Sends frames as fast as the socket takes them; resolves with the seconds it took. */
async function flood(ws: WebSocket, frames: Uint8Array[]): Promise<number> {
  const started = performance.now()
  for (const [i, frame] of frames.entries()) {
    if (ws.readyState !== ws.OPEN) break
    ws.send(frame)
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  return (performance.now() - started) / 1000
}

describe('limits on what one connection may send', () => {
  const app = useTestServer({ maxMessageBytes: MAX_MESSAGE_BYTES })

  it("relays only a bounded share of a viewer's 2,000 awareness messages to each peer", async () => {
    const board = await createTestBoard(app.url)
    const peer = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    const seen = countFrames(peer, 1)
    const attacker = await openRawYjsSocket(app.url, board.id, board.tokens.viewer)
    const cursor = { presence: { name: 'Flood', pad: 'x'.repeat(4000) } }
    const frames = Array.from({ length: 2000 }, (_, i) =>
      awarenessFrame([{ clientId: 9001, clock: i + 1, state: cursor }]),
    )
    attacker.send(frames[0] as Uint8Array)
    await waitUntil(() => seen.count >= 1, 'the first presence to be relayed') // the positive path runs
    const seconds = await flood(attacker, frames.slice(1))
    // a sentinel from another connection, sent after the flood: once it arrives, the flood has been handled
    const sentinel = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    const before = seen.count
    sentinel.send(awarenessFrame([{ clientId: 7, clock: 1, state: { presence: { name: 'Sentinel' } } }]))
    await waitUntil(() => seen.count > before, 'the sentinel presence')

    const bound = LIMITS.awareness.burst + Math.ceil(LIMITS.awareness.perSecond * (seconds + 1)) + 1
    console.log(
      `awareness flood: 2000 sent in ${seconds.toFixed(2)} s, ${before} relayed to a peer (bound ${bound})`,
    )
    expect(before).toBeLessThanOrEqual(bound)
    for (const ws of [peer, attacker, sentinel]) ws.close()
  })

  it('holds a few presence ids per connection, not 20,000 fake ones', async () => {
    const board = await createTestBoard(app.url)
    const peer = await app.client(board.id, board.tokens.editor)
    const attacker = await openRawYjsSocket(app.url, board.id, board.tokens.viewer)
    const fakes = Array.from({ length: 20_000 }, (_, i) => ({
      clientId: 100_000 + i,
      clock: 1,
      state: { p: i },
    }))
    attacker.send(awarenessFrame(fakes))
    await waitUntil(() => peer.provider.awareness.getStates().has(100_000), 'the first id to be relayed')
    const sentinel = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    sentinel.send(awarenessFrame([{ clientId: 7, clock: 1, state: { p: 'sentinel' } }]))
    await waitUntil(() => peer.provider.awareness.getStates().has(7), 'the sentinel presence')
    const fakesHeld = [...peer.provider.awareness.getStates().keys()].filter(
      (id) => id >= 100_000 && id < 120_000,
    ).length
    expect(fakesHeld).toBe(LIMITS.awarenessClientsPerConnection)
    attacker.close()
    sentinel.close()
  })

  it('never relays a presence state larger than the limit', async () => {
    const board = await createTestBoard(app.url)
    const peer = await app.client(board.id, board.tokens.editor)
    const ws = await openRawYjsSocket(app.url, board.id, board.tokens.viewer)
    ws.send(awarenessFrame([{ clientId: 501, clock: 1, state: { name: 'small' } }]))
    await waitUntil(() => peer.provider.awareness.getStates().has(501), 'a small presence')
    ws.send(
      awarenessFrame([{ clientId: 501, clock: 2, state: { name: 'x'.repeat(LIMITS.awarenessStateBytes) } }]),
    )
    ws.send(awarenessFrame([{ clientId: 501, clock: 3, state: { name: 'after' } }]))
    await waitUntil(
      () => (peer.provider.awareness.getStates().get(501) as { name?: string })?.name === 'after',
      'the presence after the oversized one',
    )
    ws.close()
  })

  it('closes with 4429 a connection sending more updates than any tab does; peers see a bounded number', async () => {
    const board = await createTestBoard(app.url)
    const peer = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    const seen = countFrames(peer, 0)
    const attacker = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    const closed = new Promise<number>((resolve) => attacker.on('close', (code) => resolve(code)))
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(updateFrame(update)))
    const records = doc.getMap(BOARD_DOC.recordsMap)
    for (let i = 0; i < 5000; i++) records.set(`shape:f${i}`, geoShape(`shape:f${i}`))
    const seconds = await flood(attacker, updates)
    expect(await closed).toBe(YJS_CLOSE.tooFast)
    await app.server.rooms.peek(board.id).then((room) => room?.flush())
    const bound = LIMITS.updates.burst + Math.ceil(LIMITS.updates.perSecond * (seconds + 1)) + 10 // + sync frames
    console.log(
      `update flood: 5000 sent in ${seconds.toFixed(2)} s, ${seen.count} sync frames reached a peer`,
    )
    expect(seen.count).toBeGreaterThan(0)
    expect(seen.count).toBeLessThanOrEqual(bound)
    peer.close()
  })

  it('closes with 4429 a connection sending more bytes than any tab does', async () => {
    const board = await createTestBoard(app.url)
    const peer = await app.client(board.id, board.tokens.editor)
    const attacker = await openRawYjsSocket(app.url, board.id, board.tokens.editor)
    const closed = new Promise<number>((resolve) => attacker.on('close', (code) => resolve(code)))
    const doc = new Y.Doc()
    const frames: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => frames.push(updateFrame(update)))
    // 40 valid changes of about 450 KB each: 50 boxes with 9,000 characters of text apiece
    const records = doc.getMap(BOARD_DOC.recordsMap)
    for (let i = 0; i < 40; i++)
      doc.transact(() => {
        for (let j = 0; j < 50; j++)
          records.set(`shape:big${i}-${j}`, geoShape(`shape:big${i}-${j}`, { text: 'y'.repeat(9000) }))
      })
    await flood(attacker, frames)
    expect(await closed).toBe(YJS_CLOSE.tooFast)
    await waitUntil(() => peer.records.has('shape:big0-0'), 'the first large update, within the budget')
    await app.server.rooms.peek(board.id).then((room) => room?.flush())
    expect(peer.records.has('shape:big39-0')).toBe(false) // cut off before the end of its flood
  })
})
