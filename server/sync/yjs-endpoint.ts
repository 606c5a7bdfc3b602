import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import {
  boardIdSchema,
  tokenFromSubprotocols,
  YJS_PATH_PREFIX,
  YJS_SUBPROTOCOL,
} from '../../shared/protocol/links'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { BoardAccess } from '../auth/board-access'
import { hashToken } from '../auth/capabilities'
import type { Identities } from '../auth/identities'
import { originAllowed } from '../auth/websocket-origins'
import type { OriginPolicy } from '../http/origin-policy'
import { type Logger, reasonOf } from '../log'
import type { BoardRoom, RoomConnection } from './board-room'
import type { BoardRooms } from './board-rooms'
import { encodeStillHere } from './yjs-messages'

export interface YjsEndpointOptions {
  access: BoardAccess
  /** Checks the identity a socket presents, so roles granted in the session apply to its edits. */
  identities: Identities
  rooms: BoardRooms
  log: Logger
  maxMessageBytes: number
  /** Browser origins allowed to connect; undefined: same-origin only (see `originAllowed`). */
  allowedOrigins: OriginPolicy
  /** How often to ping; a socket that misses a pong is terminated. */
  heartbeatMs?: number
  /** How often every socket is told the server is still here (`encodeStillHere`); well under 30 s. */
  keepaliveMs?: number
  /** Runs before a socket joins its board (e.g. to load the board's editing lock). */
  beforeJoin?: (boardId: string) => Promise<void>
}

/**
 * Our y-websocket endpoint at `/yjs/<boardId>` (DESIGN.md §3), the token offered as a subprotocol
 * (`yjsSubprotocols`). The socket is accepted first so a refusal can carry a close code (4401 bad
 * token, 4404 unknown board) the client can show; an upgrade from a foreign Origin is refused (403).
 */
export function attachYjsEndpoint(server: Server, options: YjsEndpointOptions): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    // Answer with our protocol name, never with the one carrying the token.
    handleProtocols: (protocols) => (protocols.has(YJS_SUBPROTOCOL) ? YJS_SUBPROTOCOL : false),
  })
  const alive = new WeakSet<WebSocket>()

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(`${YJS_PATH_PREFIX}/`)) return // socket.io handles its own path
    if (!originAllowed(request, options.allowedOrigins)) {
      options.log.warn('refused a Yjs socket from a foreign origin', { origin: request.headers.origin })
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.add(ws)
      ws.on('pong', () => alive.add(ws))
      accept(ws, url, tokenOf(request, url, options.log), options).catch((error: unknown) => {
        // storage down while a socket was let in (authorizing it reads the board): the client retries
        options.log.error('could not accept a board socket', {
          reason: reasonOf(error),
        })
        if (ws.readyState === WebSocket.OPEN) ws.close(1011, 'storage unavailable')
      })
    })
  })

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate()
        continue
      }
      alive.delete(ws)
      ws.ping()
    }
  }, options.heartbeatMs ?? 30_000)
  heartbeat.unref()
  const stillHere = encodeStillHere()
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(stillHere)
  }, options.keepaliveMs ?? 10_000)
  keepalive.unref()

  return {
    close() {
      clearInterval(heartbeat)
      clearInterval(keepalive)
      for (const ws of wss.clients) ws.close(YJS_CLOSE.serverShuttingDown, 'server shutting down')
      wss.close()
    },
  }
}

/**
 * The board token: from the subprotocol, else (deprecated, for one release) the `token` query
 * parameter that older clients sent and proxies log.
 */
function tokenOf(request: IncomingMessage, url: URL, log: Logger): string {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const token = tokenFromSubprotocols(offered)
  if (token !== null) return token
  const legacy = url.searchParams.get('token')
  if (legacy !== null) log.warn('a Yjs client sent its token in the URL (deprecated; update the client)')
  return legacy ?? ''
}

async function accept(ws: WebSocket, url: URL, token: string, options: YjsEndpointOptions): Promise<void> {
  const { access, rooms, log } = options
  // Frames that arrive while we authenticate and load are kept, in order, and handled after.
  const early: RawData[] = []
  let deliver: (frame: RawData) => void = (frame) => early.push(frame)
  ws.on('message', (frame) => deliver(frame))
  ws.on('error', (error) => log.debug('yjs socket error', { reason: error.message }))

  const boardId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length + 1))
  if (!boardIdSchema.safeParse(boardId).success) return ws.close(YJS_CLOSE.boardNotFound, 'board not found')

  const grant = await access.authorize(boardId, token)
  if (!grant.ok) {
    const code = grant.failure.code === 'board_not_found' ? YJS_CLOSE.boardNotFound : YJS_CLOSE.badToken
    return ws.close(code, grant.failure.message)
  }
  if (ws.readyState !== WebSocket.OPEN) return

  let room: BoardRoom
  try {
    await options.beforeJoin?.(boardId)
    room = await rooms.acquire(boardId)
  } catch (error) {
    log.error('could not load board', { board: boardId, reason: reasonOf(error) })
    return ws.close(1011, 'could not load board')
  }
  if (ws.readyState !== WebSocket.OPEN) return rooms.release(room)

  // an identity not signed for this very link is ignored: the socket acts with the link's role
  const link = { boardId, role: grant.role, tokenHash: hashToken(token) }
  const identityId = options.identities.verify(link, url.searchParams.get('identity') ?? undefined)
  const connection: RoomConnection = room.join(ws, grant.role, identityId ?? undefined)
  deliver = (frame) => room.receive(connection, toBytes(frame))
  for (const frame of early.splice(0)) deliver(frame)
  ws.on('close', () => {
    room.leave(ws)
    rooms.release(room)
  })
  // The link may have been replaced (or the board deleted) while this socket was let in, after
  // that change swept the room for old sockets: look once more now that it is in the room.
  const still = await access.authorize(boardId, token)
  if (!still.ok || still.role !== grant.role) {
    const code =
      still.ok || still.failure.code !== 'board_not_found' ? YJS_CLOSE.tokenRevoked : YJS_CLOSE.boardNotFound
    ws.close(code, 'link no longer valid')
  }
}

function toBytes(frame: RawData): Uint8Array {
  if (Array.isArray(frame)) return new Uint8Array(Buffer.concat(frame))
  return frame instanceof ArrayBuffer
    ? new Uint8Array(frame)
    : new Uint8Array(frame.buffer, frame.byteOffset, frame.length)
}
