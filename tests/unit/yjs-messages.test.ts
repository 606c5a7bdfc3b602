import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { encodeAwarenessEntries, MalformedMessage, parseClientMessage } from '../../server/sync/yjs-messages'

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

describe('y-websocket message parsing', () => {
  it('reads sync step 1, step 2 and updates', () => {
    const doc = new Y.Doc()
    doc.getMap('tldraw').set('shape:a', { x: 1 })
    expect(parseClientMessage(syncFrame((e) => syncProtocol.writeSyncStep1(e, doc))).type).toBe('sync-step1')
    const step2 = parseClientMessage(syncFrame((e) => syncProtocol.writeSyncStep2(e, doc)))
    expect(step2.type).toBe('doc-update')
    const update = parseClientMessage(
      syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))),
    )
    expect(update).toEqual({ type: 'doc-update', update: Y.encodeStateAsUpdate(doc) })
  })

  it('reads awareness entries and re-encodes them unchanged', () => {
    const entries = [
      { clientId: 7, clock: 3, state: { presence: { name: 'Ana' } } },
      { clientId: 9, clock: 1, state: null },
    ]
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint8Array(encoder, encodeAwarenessEntries(entries))
    expect(parseClientMessage(encoding.toUint8Array(encoder))).toMatchObject({
      type: 'awareness',
      clients: entries,
    })
  })

  it.each([
    ['an empty frame', []],
    ['an unknown message type', [9]],
    ['an unknown sync subtype', [0, 7, 0]],
    ['a truncated update', [0, 2, 10, 1, 2]],
    ['an update that is not a Yjs update', [0, 2, 4, 255, 255, 255, 255]],
    ['awareness that is not JSON', [1, 5, 1, 1, 1, 1, 123]],
  ])('refuses %s', (_label, bytes) => {
    expect(() => parseClientMessage(Uint8Array.from(bytes))).toThrow(MalformedMessage)
  })
})
