import { type BusMessage, sessionBusMessageSchema } from './board-bus'

/**
 * One bus frame: [kind byte][16-byte sender instance id][payload]. Yjs updates travel as raw
 * bytes, so a 45 KB template insertion costs 45 KB on the wire, not 60 KB of base64; the session's
 * messages are small and travel as JSON.
 */
const BINARY_KINDS = ['doc-update', 'awareness'] as const satisfies readonly BusMessage['kind'][]
const JSON_KIND = 0xff
const ID_BYTES = 16

export function encodeBusFrame(sender: Uint8Array, message: BusMessage): Buffer {
  const payload =
    message.kind === 'doc-update' || message.kind === 'awareness'
      ? message.update
      : Buffer.from(JSON.stringify(message))
  const frame = Buffer.alloc(1 + ID_BYTES + payload.length)
  frame[0] =
    message.kind === 'doc-update' || message.kind === 'awareness'
      ? BINARY_KINDS.indexOf(message.kind)
      : JSON_KIND
  frame.set(sender, 1)
  frame.set(payload, 1 + ID_BYTES)
  return frame
}

/** The frame's sender and message, or null for a frame this build does not know (ignored). */
export function decodeBusFrame(frame: Buffer): { sender: Buffer; message: BusMessage } | null {
  if (frame.length < 1 + ID_BYTES) return null
  const sender = frame.subarray(1, 1 + ID_BYTES)
  const payload = frame.subarray(1 + ID_BYTES)
  if (frame[0] === JSON_KIND) {
    const parsed = sessionBusMessageSchema.safeParse(parseJson(payload.toString('utf8')))
    return parsed.success ? { sender, message: parsed.data } : null
  }
  const kind = BINARY_KINDS[frame[0] ?? -1]
  if (kind === undefined) return null
  return { sender, message: { kind, update: new Uint8Array(payload) } }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const INSTANCE_ID_BYTES = ID_BYTES
