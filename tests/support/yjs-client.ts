import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type BoardNotice, NOTICE_MESSAGE_TYPE, readBoardNotice } from '../../shared/protocol/board-notices'
import { yjsSubprotocols } from '../../shared/protocol/links'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { geoShape } from './board-records'
import { waitUntil } from './wait'

/** A real y-websocket client on a board, as a browser tab would be, minus the canvas. */
export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: Y.Map<unknown>
  /** The server's notices (saving paused, board full, …), in order. */
  notices: BoardNotice[]
  /** The instance behind a balancer that took the latest connection (its `X-Lockstep-Instance`), if any. */
  instance(): string | undefined
  destroy(): void
}

export function connectBoardClient(
  httpUrl: string,
  boardId: string,
  token: string,
  identity?: string,
  doc = new Y.Doc(),
): BoardClient {
  let instance: string | undefined
  // ws's WebSocket, reading which instance the balancer chose from the upgrade's answer
  const BalancedWebSocket = class extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      this.once('upgrade', (response) => {
        const header = response.headers['x-lockstep-instance']
        instance = typeof header === 'string' ? header : undefined
      })
    }
  }
  const provider = new WebsocketProvider(`${httpUrl.replace(/^http/, 'ws')}/yjs`, boardId, doc, {
    WebSocketPolyfill: BalancedWebSocket as unknown as typeof globalThis.WebSocket,
    params: identity ? { identity } : {},
    protocols: yjsSubprotocols(token),
    disableBc: true,
  })
  const notices: BoardNotice[] = []
  provider.messageHandlers[NOTICE_MESSAGE_TYPE] = (_encoder, decoder) => {
    const notice = readBoardNotice(decoder)
    if (notice) notices.push(notice)
  }
  return {
    doc,
    provider,
    records: doc.getMap(BOARD_DOC.recordsMap),
    notices,
    instance: () => instance,
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

/** A valid tldraw rectangle on the board's first page (the server checks every record it is sent). */
export function shapeRecord(id: string, x = 0, y = 0): Record<string, unknown> {
  return geoShape(id, { x, y })
}

/** How many shapes a board's record map holds (a new board also holds its document and first page). */
export function shapeCount(records: Y.Map<unknown>): number {
  return [...records.keys()].filter((id) => id.startsWith('shape:')).length
}

/** A raw WebSocket to a board's Yjs endpoint, offering the token as a browser tab does. */
export function rawYjsSocket(
  httpUrl: string,
  boardId: string,
  token: string,
  headers: Record<string, string> = {},
  identity?: string,
): WebSocket {
  const query = identity === undefined ? '' : `?identity=${encodeURIComponent(identity)}`
  return new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/yjs/${boardId}${query}`, yjsSubprotocols(token), {
    headers,
  })
}

/** A raw Yjs socket, once it is open. */
export function openRawYjsSocket(httpUrl: string, boardId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = rawYjsSocket(httpUrl, boardId, token)
    ws.on('open', () => resolve(ws))
    ws.on('error', reject)
  })
}

/** Opens a raw socket to a board (with an identity, if given) and resolves with the code it is closed with. */
export async function closeCodeFor(
  httpUrl: string,
  boardId: string,
  token: string,
  identity?: string,
): Promise<number> {
  return (await closeOf(rawYjsSocket(httpUrl, boardId, token, {}, identity))).code
}

/** The code and reason a socket is closed with. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    ws.on('error', reject)
  })
}
