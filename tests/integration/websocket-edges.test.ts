import { io } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { YJS_SUBPROTOCOL } from '../../shared/protocol/links'
import { createTestBoard, removeDir, startTestServer, wsBase } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { rawYjsSocket, shapeRecord } from '../support/yjs-client'

/** How an upgrade ends: opened (with the protocol the server chose) or refused with an HTTP status. */
function upgradeOutcome(
  ws: WebSocket,
): Promise<{ opened: true; protocol: string } | { opened: false; status: number }> {
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      resolve({ opened: true, protocol: ws.protocol })
      ws.close()
    })
    ws.on('unexpected-response', (_request, response) =>
      resolve({ opened: false, status: response.statusCode ?? 0 }),
    )
    ws.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

/** Whether a socket.io handshake from `origin` is let in. */
function sessionHandshake(url: string, boardId: string, token: string, origin?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, {
      auth: { boardId, token },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: origin ? { origin } : {},
    })
    socket.once('connect', () => {
      socket.disconnect()
      resolve(true)
    })
    socket.once('connect_error', () => {
      socket.disconnect()
      resolve(false)
    })
  })
}

describe('WebSocket edges: tokens out of URLs, foreign origins refused', () => {
  const app = useTestServer()

  it('syncs with the token offered as a subprotocol, and the URL it opens carries no token', async () => {
    const board = await createTestBoard(app.url)
    const a = await app.client(board.id, board.tokens.editor)
    const b = await app.client(board.id, board.tokens.editor)
    expect(a.provider.url).toBe(`${wsBase(app.url)}/${board.id}`)
    expect(a.provider.url).not.toContain(board.tokens.editor)
    a.records.set('shape:one', shapeRecord('shape:one'))
    await waitUntil(() => b.records.has('shape:one'), 'the edit to reach the other client')
  })

  it('answers with its own protocol name, never the one carrying the token', async () => {
    const board = await createTestBoard(app.url)
    const outcome = await upgradeOutcome(rawYjsSocket(app.url, board.id, board.tokens.viewer))
    expect(outcome).toEqual({ opened: true, protocol: YJS_SUBPROTOCOL })
  })

  it('refuses a Yjs upgrade from a foreign origin and lets in its own origin and non-browser clients', async () => {
    const board = await createTestBoard(app.url)
    const own = await upgradeOutcome(
      rawYjsSocket(app.url, board.id, board.tokens.editor, { origin: app.url }),
    )
    expect(own.opened).toBe(true)
    const bare = await upgradeOutcome(rawYjsSocket(app.url, board.id, board.tokens.editor))
    expect(bare.opened).toBe(true)
    const foreign = await upgradeOutcome(
      rawYjsSocket(app.url, board.id, board.tokens.editor, { origin: 'https://evil.example' }),
    )
    expect(foreign).toEqual({ opened: false, status: 403 })
  })

  it('refuses a socket.io handshake from a foreign origin and lets in its own', async () => {
    const board = await createTestBoard(app.url)
    expect(await sessionHandshake(app.url, board.id, board.tokens.editor, app.url)).toBe(true)
    expect(await sessionHandshake(app.url, board.id, board.tokens.editor)).toBe(true)
    expect(await sessionHandshake(app.url, board.id, board.tokens.editor, 'https://evil.example')).toBe(false)
  })

  it('still accepts the deprecated ?token= query parameter for one release', async () => {
    const board = await createTestBoard(app.url)
    const ws = new WebSocket(`${wsBase(app.url)}/${board.id}?token=${board.tokens.editor}`)
    const frames: Buffer[] = []
    ws.on('message', (frame: Buffer) => frames.push(frame))
    await waitUntil(() => frames.length > 0, 'the server to open the sync')
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })
})

describe('ALLOWED_ORIGINS', () => {
  it('lets in exactly the configured origins, on both sockets', async () => {
    const server = await startTestServer({
      allowedOrigins: { kind: 'listed', origins: ['https://board.example.org'] },
    })
    try {
      const board = await createTestBoard(server.url)
      const { id, tokens } = board
      const listed = await upgradeOutcome(
        rawYjsSocket(server.url, id, tokens.editor, { origin: 'https://board.example.org' }),
      )
      expect(listed.opened).toBe(true)
      const unlisted = await upgradeOutcome(
        rawYjsSocket(server.url, id, tokens.editor, { origin: server.url }),
      )
      expect(unlisted).toEqual({ opened: false, status: 403 })
      expect(await sessionHandshake(server.url, id, tokens.editor, 'https://board.example.org')).toBe(true)
      expect(await sessionHandshake(server.url, id, tokens.editor, 'https://evil.example')).toBe(false)
    } finally {
      await server.close()
      removeDir(server.dataDir)
    }
  })
})
