import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { yjsSubprotocols } from '../../shared/protocol/links'
import { RECORDS_MAP } from '../servers/control'
import { withTimeout } from './wait'

/** A board on a bench server: its id and its capability tokens (the references ignore them). */
export interface BoardRef {
  id: string
  /** The editor's token, what a Yjs client joins with. */
  token: string
  /** One token per role, for the live-session channel (a facilitator drives, viewers follow). */
  tokens: { facilitator: string; editor: string; viewer: string }
}

/** One person's copy of a board, whatever protocol keeps it in sync with the server. */
export interface BoardPeer {
  doc: Y.Doc
  records: Y.Map<unknown>
  destroy(): void
}

/** A real y-websocket client, as a browser tab would be, minus the canvas. */
export interface BenchClient extends BoardPeer {
  provider: WebsocketProvider
}

/** Opens a client on `board` at `wsBase` (e.g. `ws://127.0.0.1:1234/yjs`); it connects at once. */
export function connectClient(wsBase: string, board: BoardRef): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase, board.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // the token as a subprotocol (the references answer with the first offered protocol and ignore it)
    protocols: yjsSubprotocols(board.token),
    // Node has a global BroadcastChannel: without this, clients in one process would bypass the server.
    disableBc: true,
  })
  return {
    doc,
    provider,
    records: doc.getMap(RECORDS_MAP),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when the client has received the server's state (y-websocket's `synced`). */
export function whenSynced(client: BenchClient, timeoutMs = 20_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
  return withTimeout(synced, `client on ${client.provider.roomname} to sync`, timeoutMs)
}

/** Connects and waits for the first full sync. */
export async function connectSynced(wsBase: string, board: BoardRef): Promise<BenchClient> {
  const client = connectClient(wsBase, board)
  try {
    await whenSynced(client)
  } catch (error) {
    client.destroy()
    throw error
  }
  return client
}

/** A valid tldraw geo shape (the server checks every record), about 500 bytes as JSON. */
export function shapeRecord(id: string, seq: number): Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x: (seq % 40) * 140,
    y: Math.floor(seq / 40) * 100,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: { seq },
    props: {
      geo: 'rectangle',
      w: 120,
      h: 80,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      font: 'draw',
      richText: { type: 'doc', content: [{ type: 'paragraph' }] },
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
    },
  }
}

/** Writes `count` shape records through `client`, `perTransaction` at a time; returns their keys. */
export function seedRecords(
  client: BenchClient,
  prefix: string,
  count: number,
  perTransaction: number,
): string[] {
  const keys: string[] = []
  for (let start = 0; start < count; start += perTransaction) {
    client.doc.transact(() => {
      for (let seq = start; seq < Math.min(count, start + perTransaction); seq++) {
        const key = `shape:${prefix}${seq}`
        client.records.set(key, shapeRecord(key, seq))
        keys.push(key)
      }
    })
  }
  return keys
}
