import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { prepareContentOnce } from '../../server/content/prepared-content'
import { createBoardResponseSchema } from '../../shared/protocol/rest'
import { type ControlReply, type ControlRequest, controlReplySchema } from '../servers/control'
import { type BoardPeer, type BoardRef, connectSynced } from './board-client'
import { connectHocuspocusSynced } from './hocuspocus-client'
import { withTimeout } from './wait'

/**
 * Which server a child runs: ours; the classic y-websocket reference (sync); a bare socket.io
 * server that rebroadcasts one event to a room (the reference for the live session); or
 * Hocuspocus 4 with PostgreSQL and optionally Redis (the reference for several instances).
 */
export type ServerKind = 'lockstep' | 'classic' | 'socketio' | 'hocuspocus'

/** A server running in its own process, with its own event loop, driven over IPC. */
export interface BenchServer {
  kind: ServerKind
  pid: number
  /** Base URL for WebsocketProvider, e.g. `ws://127.0.0.1:41234/yjs`. */
  wsBase: string
  /** Base URL for REST and socket.io, e.g. `http://127.0.0.1:41234`. */
  httpBase: string
  /** A new empty board (ours: over REST; the reference: any fresh name). */
  createBoard(): Promise<BoardRef>
  /** A client on `board`, synced, speaking this server's protocol. */
  connect(board: BoardRef): Promise<BoardPeer>
  /** How many records the server holds for a board, once everything received is stored. */
  recordCount(boardId: string): Promise<number>
  /** Process RSS and V8 heap in bytes, measured right after a forced GC in the child. */
  memory(): Promise<{ rss: number; heapUsed: number }>
  /** CPU time (user + system) the server process has used so far, in milliseconds. */
  cpuMs(): Promise<number>
  /** Frees a board from memory; false if the server cannot (the reference). */
  unload(boardId: string): Promise<boolean>
  stop(): Promise<void>
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
type RequestBody = WithoutId<ControlRequest>

const SCRIPTS: Record<ServerKind, { file: string; execArgv: string[] }> = {
  lockstep: { file: 'lockstep-server.ts', execArgv: ['--import', 'tsx', '--expose-gc'] },
  classic: { file: 'classic-server.cjs', execArgv: ['--expose-gc'] },
  socketio: { file: 'socketio-server.ts', execArgv: ['--import', 'tsx', '--expose-gc'] },
  hocuspocus: { file: 'hocuspocus-server.ts', execArgv: ['--import', 'tsx', '--expose-gc'] },
}

const REQUEST_TIMEOUT_MS = 30_000

/** Opens a synced client of `kind`'s protocol on `board` at `wsBase`. */
export function peerConnector(kind: ServerKind): (wsBase: string, board: BoardRef) => Promise<BoardPeer> {
  return kind === 'hocuspocus' ? connectHocuspocusSynced : connectSynced
}

let preparedContent: Promise<{ file: string; remove(): void }> | undefined

/** Content laid out once for every Lockstep server this bench starts (as a built server reads it). */
function preparedContentFile(): Promise<string> {
  if (!preparedContent) {
    preparedContent = prepareContentOnce('content')
    void preparedContent.then((prepared) => process.once('exit', prepared.remove))
  }
  return preparedContent.then((prepared) => prepared.file)
}

/**
 * Starts a server child and resolves once it listens on an ephemeral localhost port. `env` adds
 * to (or, with undefined, removes from) the bench's own environment.
 */
export async function launchServer(
  kind: ServerKind,
  env: Record<string, string | undefined> = {},
  startTimeoutMs = 30_000,
): Promise<BenchServer> {
  const script = SCRIPTS[kind]
  const args = kind === 'lockstep' ? [await preparedContentFile()] : []
  const child = fork(fileURLToPath(new URL(`../servers/${script.file}`, import.meta.url)), args, {
    execArgv: script.execArgv,
    env: { ...process.env, LOG_LEVEL: 'warn', YPERSISTENCE: undefined, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<
    number,
    { resolve: (reply: ControlReply) => void; reject: (error: Error) => void }
  >()
  let onReady: ((port: number) => void) | undefined
  child.on('message', (raw: unknown) => {
    const parsed = controlReplySchema.safeParse(raw)
    if (!parsed.success) return
    const reply = parsed.data
    if (reply.type === 'ready') return onReady?.(reply.port)
    pending.get(reply.id)?.resolve(reply)
    pending.delete(reply.id)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error(`the ${kind} server exited`))
    pending.clear()
  })
  const ready = new Promise<number>((resolve, reject) => {
    onReady = resolve
    void exited.then(() => reject(new Error(`${kind} server exited before it was ready`)))
  })
  const port = await withTimeout(ready, `the ${kind} server to start`, startTimeoutMs).catch(
    (error: unknown) => {
      child.kill('SIGKILL')
      throw error
    },
  )

  let nextId = 1
  const request = (body: RequestBody): Promise<ControlReply> => {
    const id = nextId++
    const answered = new Promise<ControlReply>((resolve, reject) => pending.set(id, { resolve, reject }))
    child.send({ ...body, id })
    return withTimeout(answered, `${kind} server to answer ${body.type}`, REQUEST_TIMEOUT_MS)
  }
  const expect = async <T extends ControlReply['type']>(body: RequestBody, type: T) => {
    const reply = await request(body)
    if (reply.type === 'error') throw new Error(`${kind} server: ${reply.message}`)
    if (reply.type !== type) throw new Error(`${kind} server answered ${reply.type} to ${body.type}`)
    return reply as Extract<ControlReply, { type: T }>
  }

  const httpBase = `http://127.0.0.1:${port}`
  const wsBase = kind === 'hocuspocus' ? `ws://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/yjs`
  const connect = peerConnector(kind)
  return {
    kind,
    pid: child.pid ?? -1,
    wsBase,
    httpBase,
    createBoard: kind === 'lockstep' ? () => createLockstepBoard(httpBase) : async () => referenceBoard(),
    connect: (board) => connect(wsBase, board),
    recordCount: async (docName) => (await expect({ type: 'record-count', docName }, 'record-count')).count,
    memory: async () => {
      const { rss, heapUsed } = await expect({ type: 'memory' }, 'memory')
      return { rss, heapUsed }
    },
    cpuMs: async () => (await expect({ type: 'cpu' }, 'cpu')).micros / 1000,
    unload: async (docName) => (await expect({ type: 'unload', docName }, 'unload')).supported,
    stop: () => stopChild(child, exited),
  }
}

/** A new board on ours, over REST at `httpBase` (an instance, or a balancer in front of several). */
export async function createLockstepBoard(httpBase: string): Promise<BoardRef> {
  const res = await fetch(`${httpBase}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark' }),
    signal: AbortSignal.timeout(10_000),
  })
  if (res.status !== 201) throw new Error(`creating a board failed: ${res.status} ${await res.text()}`)
  const created = createBoardResponseSchema.parse(await res.json())
  return { id: created.id, token: created.tokens.editor, tokens: created.tokens }
}

/** A fresh name: the references create boards (documents, rooms) on first use and check no token. */
export function referenceBoard(): BoardRef {
  const unused = 'unused'
  return {
    id: randomBytes(16).toString('base64url'),
    token: unused,
    tokens: { facilitator: unused, editor: unused, viewer: unused },
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  await withTimeout(exited, 'a server child to exit', 10_000).catch(() => {
    child.kill('SIGKILL')
  })
}
