import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

/** Top-level message types of the y-websocket wire protocol. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const

/** A client frame, decoded and checked before anything touches a document. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 and incremental updates carry the same thing: a Yjs update to apply. */
  | { type: 'doc-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array; clients: AwarenessEntry[] }
  | { type: 'query-awareness' }
  | { type: 'auth' }

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** Null when the client is removing its state. */
  state: unknown
}

export class MalformedMessage extends Error {}

/** Decodes one binary frame; throws `MalformedMessage` for anything that is not a well-formed message. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE.sync:
        return parseSyncMessage(decoder)
      case MESSAGE.awareness: {
        const update = decoding.readVarUint8Array(decoder)
        return { type: 'awareness', update, clients: parseAwarenessUpdate(update) }
      }
      case MESSAGE.queryAwareness:
        return { type: 'query-awareness' }
      case MESSAGE.auth:
        return { type: 'auth' }
      default:
        throw new MalformedMessage(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : 'unreadable frame')
  }
}

function parseSyncMessage(decoder: decoding.Decoder): ClientMessage {
  const subtype = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  switch (subtype) {
    case syncProtocol.messageYjsSyncStep1:
      Y.decodeStateVector(payload) // throws on garbage
      return { type: 'sync-step1', stateVector: payload }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate:
      // Decoding first means a garbled update is refused before it can half-apply to the document.
      Y.decodeUpdate(payload)
      return { type: 'doc-update', update: payload }
    default:
      throw new MalformedMessage(`unknown sync message ${subtype}`)
  }
}

function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    entries.push({ clientId, clock, state })
  }
  return entries
}

/** Re-encodes awareness entries as an awareness update (the inverse of parsing one). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

/** Server → client: our state vector, asking the client for what we lack. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Server → client: everything the client lacks, given its state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** Server → client: one incremental document update. */
export function encodeDocUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * Server → client: "still here", an awareness update naming nobody (a no-op for y-websocket). A
 * y-websocket client that hears nothing for 30 s closes its socket and reconnects, and we never echo
 * a client's own awareness (the reference server does), so a tab alone on a board would do so.
 */
export function encodeStillHere(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.awareness)
  encoding.writeVarUint8Array(encoder, encodeAwarenessEntries([]))
  return encoding.toUint8Array(encoder)
}

/** Server → client: the awareness states of the given clients. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clientIds: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds))
  return encoding.toUint8Array(encoder)
}
