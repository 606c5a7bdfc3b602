import { describe, expect, it } from 'vitest'
import { decodeBusFrame, encodeBusFrame, INSTANCE_ID_BYTES } from '../../server/bus/bus-codec'
import { INITIAL_SESSION } from '../../shared/session/session-state'

const sender = new Uint8Array(INSTANCE_ID_BYTES).fill(7)

describe('frames between instances', () => {
  it('carries a Yjs update as raw bytes and a session commit as checked JSON', () => {
    const update = new Uint8Array([1, 2, 3])
    const doc = decodeBusFrame(encodeBusFrame(sender, { kind: 'doc-update', update }))
    expect(doc?.message).toEqual({ kind: 'doc-update', update })
    expect(doc?.sender.equals(Buffer.from(sender))).toBe(true)

    const state = { ...INITIAL_SESSION, seq: 4, editingLocked: true }
    expect(decodeBusFrame(encodeBusFrame(sender, { kind: 'missed' }))?.message).toEqual({ kind: 'missed' })
    const commit = decodeBusFrame(encodeBusFrame(sender, { kind: 'session-state', revision: 9, state }))
    expect(commit?.message).toEqual({ kind: 'session-state', revision: 9, state })
    const closed = decodeBusFrame(
      encodeBusFrame(sender, { kind: 'close-links', roles: ['editor'], reason: 'link-replaced', keep: [] }),
    )
    expect(closed?.message).toEqual({
      kind: 'close-links',
      roles: ['editor'],
      reason: 'link-replaced',
      keep: [],
    })
  })

  it('ignores a session frame that is not JSON or not a message this build knows', () => {
    const frame = (payload: string) =>
      Buffer.concat([Buffer.from([0xff]), Buffer.from(sender), Buffer.from(payload)])
    expect(decodeBusFrame(frame('{not json'))).toBeNull()
    expect(
      decodeBusFrame(frame(JSON.stringify({ kind: 'session-state', revision: -1, state: {} }))),
    ).toBeNull()
    expect(
      decodeBusFrame(frame(JSON.stringify({ kind: 'close-links', roles: ['owner'], reason: 'x' }))),
    ).toBeNull()
    expect(decodeBusFrame(frame(JSON.stringify({ kind: 'shutdown' })))).toBeNull()
    expect(decodeBusFrame(Buffer.from([0]))).toBeNull() // shorter than its header
  })
})
