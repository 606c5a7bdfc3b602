import type { BusMessage } from './board-bus'

/**
 * One bus frame: [kind byte][16-byte sender instance id][payload]. Binary, so a 45 KB template
 * insertion costs 45 KB on the wire, not 60 KB of base64.
 */
const KINDS = ['doc-update', 'awareness'] as const satisfies readonly BusMessage['kind'][]
const ID_BYTES = 16

export function encodeBusFrame(sender: Uint8Array, message: BusMessage): Buffer {
  const frame = Buffer.alloc(1 + ID_BYTES + message.update.length)
  frame[0] = KINDS.indexOf(message.kind)
  frame.set(sender, 1)
  frame.set(message.update, 1 + ID_BYTES)
  return frame
}

/** The frame's sender and message, or null for a frame this build does not know (ignored). */
export function decodeBusFrame(frame: Buffer): { sender: Buffer; message: BusMessage } | null {
  if (frame.length < 1 + ID_BYTES) return null
  const kind = KINDS[frame[0] ?? -1]
  if (kind === undefined) return null
  const update = new Uint8Array(frame.subarray(1 + ID_BYTES))
  return { sender: frame.subarray(1, 1 + ID_BYTES), message: { kind, update } }
}

export const INSTANCE_ID_BYTES = ID_BYTES
