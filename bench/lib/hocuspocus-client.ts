import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { RECORDS_MAP } from '../servers/control'
import type { BoardPeer, BoardRef } from './board-client'
import { withTimeout } from './wait'

/**
 * Hocuspocus's wire protocol (what `@hocuspocus/provider` speaks, not installed here): every frame
 * starts with the document name, then one of these types, then the y-protocols payload.
 */
const HOCUSPOCUS = { sync: 0, awareness: 1, auth: 2, syncReply: 4 } as const
/** The auth message's subtype that carries a token. */
const AUTH_TOKEN = 0
/** Our own origin for what came from the server, so it is not sent back. */
const FROM_SERVER = Symbol('hocuspocus server')

/** One frame for `documentName`: its type, then what `write` adds. */
function frame(documentName: string, type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/**
 * A Hocuspocus client that behaves on the wire as `WebsocketProvider` does for the other servers:
 * token, sync step 1 and its awareness on open; every local update sent at once; every awareness
 * change (its own and those it hears) sent on, as y-websocket does. Resolves once synced.
 */
export async function connectHocuspocusSynced(
  wsUrl: string,
  board: BoardRef,
  timeoutMs = 20_000,
): Promise<BoardPeer> {
  const name = board.id
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  const socket = new WebSocket(wsUrl)
  socket.binaryType = 'nodebuffer'
  socket.on('error', () => {}) // reported through `synced` while joining, later the close says enough
  const send = (message: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(message)
  }

  let markSynced: () => void = () => {}
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve
    socket.once('error', reject)
    socket.once('close', (code) => reject(new Error(`hocuspocus closed the socket (${code})`)))
  })

  socket.on('open', () => {
    send(
      frame(name, HOCUSPOCUS.auth, (e) => {
        encoding.writeVarUint(e, AUTH_TOKEN)
        encoding.writeVarString(e, board.token)
      }),
    )
    send(frame(name, HOCUSPOCUS.sync, (e) => syncProtocol.writeSyncStep1(e, doc)))
    send(
      frame(name, HOCUSPOCUS.awareness, (e) =>
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
      ),
    )
  })

  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    decoding.readVarString(decoder) // the document name: one document per socket here
    const type = decoding.readVarUint(decoder)
    if (type === HOCUSPOCUS.sync || type === HOCUSPOCUS.syncReply) {
      const reply = encoding.createEncoder()
      encoding.writeVarString(reply, name)
      encoding.writeVarUint(reply, HOCUSPOCUS.sync)
      const emptyLength = encoding.length(reply)
      const syncType = syncProtocol.readSyncMessage(decoder, reply, doc, FROM_SERVER)
      if (encoding.length(reply) > emptyLength) send(encoding.toUint8Array(reply))
      if (syncType === syncProtocol.messageYjsSyncStep2) markSynced()
    } else if (type === HOCUSPOCUS.awareness) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), FROM_SERVER)
    }
    // auth answers, sync status and the rest carry nothing this bench needs
  })

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== FROM_SERVER) send(frame(name, HOCUSPOCUS.sync, (e) => syncProtocol.writeUpdate(e, update)))
  })
  awareness.on(
    'update',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed]
      send(
        frame(name, HOCUSPOCUS.awareness, (e) =>
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed)),
        ),
      )
    },
  )

  const destroy = () => {
    awareness.destroy()
    socket.removeAllListeners('message')
    socket.close()
    doc.destroy()
  }
  try {
    await withTimeout(synced, `a hocuspocus client on ${name} to sync`, timeoutMs)
  } catch (error) {
    destroy()
    throw error
  }
  return { doc, records: doc.getMap(RECORDS_MAP), destroy }
}
