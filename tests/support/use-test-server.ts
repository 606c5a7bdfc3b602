import { afterAll, beforeAll } from 'vitest'
import type { ServerConfig } from '../../server/config'
import { type RestClient, restClient } from './rest-client'
import { joinSession, type SessionClient } from './session-client'
import { removeDir, startTestServer, type TestServer } from './test-server'
import { type BoardClient, syncedBoardClient } from './yjs-client'

/** One suite's server, and the clients its tests open, all closed when the suite ends. */
export interface TestServerFixture {
  readonly server: TestServer
  readonly url: string
  readonly rest: RestClient
  /** A synced Yjs client on a board, destroyed after the suite. */
  client(boardId: string, token: string, identity?: string): Promise<BoardClient>
  /** A socket.io participant in a board's session (presenting `identity` if given), closed after the suite. */
  session(boardId: string, token: string, name?: string, identity?: string): Promise<SessionClient>
  /** Stops the server and starts a new one over the same data directory (new port, same boards). */
  restart(): Promise<void>
}

/** Starts a real server before the suite's tests and, after them, closes it and removes its data directory. */
export function useTestServer(overrides: Partial<ServerConfig> = {}): TestServerFixture {
  let running: { server: TestServer; rest: RestClient } | undefined
  let dataDir: string | undefined
  const clients: BoardClient[] = []
  const sessions: SessionClient[] = []

  const start = async () => {
    const server = await startTestServer(dataDir ? { ...overrides, dataDir } : overrides)
    dataDir = server.dataDir
    running = { server, rest: restClient(server.url) }
  }
  const current = () => {
    if (!running) throw new Error("useTestServer: the server runs only inside the suite's tests and hooks")
    return running
  }

  beforeAll(start)
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sessions.splice(0)) s.close()
    await running?.server.close()
    if (dataDir) removeDir(dataDir)
  })

  return {
    get server() {
      return current().server
    },
    get url() {
      return current().server.url
    },
    get rest() {
      return current().rest
    },
    async client(boardId, token, identity) {
      const client = await syncedBoardClient(current().server.url, boardId, token, identity)
      clients.push(client)
      return client
    },
    async session(boardId, token, name, identity) {
      const session = await joinSession(current().server.url, boardId, token, name, identity)
      sessions.push(session)
      return session
    },
    async restart() {
      const { server } = current()
      running = undefined
      await server.close()
      await start()
    },
  }
}
