import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { waitUntil } from './wait'

/** A real y-websocket client on a board, as a browser tab would be, minus the canvas. */
export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: Y.Map<unknown>
  destroy(): void
}

export function connectBoardClient(
  httpUrl: string,
  boardId: string,
  token: string,
  identity?: string,
  doc = new Y.Doc(),
): BoardClient {
  const provider = new WebsocketProvider(`${httpUrl.replace(/^http/, 'ws')}/yjs`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: identity ? { token, identity } : { token },
    disableBc: true,
  })
  return {
    doc,
    provider,
    records: doc.getMap(BOARD_DOC.recordsMap),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Connects and waits for the first full sync. */
export async function syncedBoardClient(
  httpUrl: string,
  boardId: string,
  token: string,
  identity?: string,
): Promise<BoardClient> {
  const client = connectBoardClient(httpUrl, boardId, token, identity)
  await waitUntil(() => client.provider.synced, 'the client to sync')
  return client
}

/** A small record shaped like a tldraw geo shape. */
export function shapeRecord(id: string, x = 0, y = 0): Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { geo: 'rectangle', w: 120, h: 80, color: 'black', fill: 'none', dash: 'draw', size: 'm' },
  }
}

/** Opens a raw socket to a Yjs URL and resolves with the code it is closed with. */
export function closeCodeFor(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('close', (code) => resolve(code))
    ws.on('error', reject)
  })
}
