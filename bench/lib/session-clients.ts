import { type ChildProcess, fork } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { io, type Socket } from 'socket.io-client'
import { z } from 'zod'
import { sleep, withTimeout } from './wait'

/**
 * Now on the system-wide monotonic clock (CLOCK_MONOTONIC), in milliseconds with microsecond
 * resolution: unlike `performance.now()`, comparable between processes on one machine.
 */
export const monoMs = (): number => Number(process.hrtime.bigint() / 1000n) / 1000

/** Where participants join: a live-session channel (ours or the bare reference) and a board. */
export interface SessionJoin {
  url: string
  boardId: string
  token: string
  /** Whether each participant says `presence:hello` with a name, as the board page does (ours only). */
  hello: boolean
}

/** Participants on one board that follow the session, in this process or in a child process. */
export interface ClientGroup {
  readonly size: number
  /**
   * When the last of this group's clients had a `session:state` with `seq` (or later), on the
   * `monoMs` clock; null if that did not happen within `timeoutMs`.
   */
  reached(seq: number, timeoutMs: number): Promise<number | null>
  /**
   * Resolves once none of the group's clients has received anything for `quietMs` (or after
   * `timeoutMs`, whichever is first): the group has handled everything the server sent.
   */
  quiet(quietMs: number, timeoutMs: number): Promise<void>
  /** Starts measuring how busy the group's event loop is. */
  startLoopMeter(): Promise<void>
  /** How busy the group's event loop was since `startLoopMeter`. */
  loopBusy(): Promise<LoopBusy>
  close(): Promise<void>
}

/** Event-loop utilization over a span: the busy share (0–1) and the busy time. */
export interface LoopBusy {
  utilization: number
  activeMs: number
}

const JOIN_TIMEOUT_MS = 20_000
/** Handshakes in flight at once: people trickle in, rather than 200 of them in one millisecond. */
const JOIN_BATCH = 10

/** Completion times per seq, and the callers waiting for one. */
class SeqArrivals {
  private readonly at = new Map<number, number>()
  private readonly waiters = new Map<number, Set<(at: number) => void>>()

  complete(seq: number, at: number): void {
    this.at.set(seq, at)
    for (const resolve of this.waiters.get(seq) ?? []) resolve(at)
    this.waiters.delete(seq)
  }

  reached(seq: number, timeoutMs: number): Promise<number | null> {
    const known = this.at.get(seq)
    if (known !== undefined) return Promise.resolve(known)
    return new Promise((resolve) => {
      const waiters = this.waiters.get(seq) ?? new Set()
      this.waiters.set(seq, waiters)
      const done = (at: number | null) => {
        clearTimeout(timer)
        waiters.delete(done)
        resolve(at)
      }
      const timer = setTimeout(() => done(null), timeoutMs)
      waiters.add(done)
    })
  }
}

/** One socket.io participant, as the board page connects (websocket only, no reconnection). */
async function connectParticipant(
  join: SessionJoin,
  name: string,
  onSeq: (seq: number) => void,
  onAnything: () => void,
): Promise<Socket> {
  const socket = io(join.url, {
    auth: { boardId: join.boardId, token: join.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: JOIN_TIMEOUT_MS,
  })
  const firstState = new Promise<void>((resolve, reject) => {
    socket.once('session:state', () => resolve())
    socket.once('connect_error', reject)
  })
  socket.on('session:state', (state: { seq?: unknown }) => {
    if (typeof state?.seq === 'number') onSeq(state.seq)
  })
  socket.onAny(onAnything)
  try {
    await withTimeout(
      firstState,
      `a participant on ${join.boardId} to get the session state`,
      JOIN_TIMEOUT_MS,
    )
    if (join.hello) {
      const ack: unknown = await socket
        .timeout(JOIN_TIMEOUT_MS)
        .emitWithAck('presence:hello', { name, color: '#3b82f6' })
      if ((ack as { ok?: unknown } | null)?.ok !== true) {
        throw new Error(`presence:hello was refused: ${JSON.stringify(ack)}`)
      }
    }
  } catch (error) {
    socket.disconnect()
    throw error
  }
  return socket
}

/** A group whose clients live in this process; `sockets[0]` can drive the session. */
export class LocalClientGroup implements ClientGroup {
  readonly sockets: Socket[] = []
  private readonly arrivals = new SeqArrivals()
  /** Per seq, how many clients have reached it. */
  private readonly counts = new Map<number, number>()
  /** Per client, the highest seq it has seen. */
  private readonly highest: number[] = []
  /** When a client last received any event, on the `monoMs` clock. */
  private lastActivity = 0
  private loopMark = performance.eventLoopUtilization()
  /** Called with (seq, when) as the last client of the group reaches a seq. */
  onComplete: (seq: number, at: number) => void = () => {}

  private constructor() {}

  /** Connects `count` participants to `join`, `JOIN_BATCH` at a time. */
  static async join(join: SessionJoin, count: number): Promise<LocalClientGroup> {
    const group = new LocalClientGroup()
    try {
      for (let i = 0; i < count; i += JOIN_BATCH) {
        const batch = Array.from({ length: Math.min(JOIN_BATCH, count - i) }, () => group.connectOne(join))
        group.sockets.push(...(await Promise.all(batch)))
      }
    } catch (error) {
      await group.close()
      throw error
    }
    return group
  }

  get size(): number {
    return this.sockets.length
  }

  /** The highest seq every client of the group has seen (−1 before any state). */
  get latestSeq(): number {
    return this.highest.length === 0 ? -1 : Math.min(...this.highest)
  }

  /** Each client counts once for each seq it reaches, on the first state with that seq or later. */
  private async connectOne(join: SessionJoin): Promise<Socket> {
    const slot = this.highest.push(-1) - 1
    return connectParticipant(
      join,
      `Participant ${slot + 1}`,
      (seq) => {
        const highest = this.highest[slot] ?? -1
        if (seq <= highest) return
        const now = monoMs()
        // A jump (a client that missed a state) counts for every seq it passed, bounded.
        for (let s = Math.max(highest + 1, seq - 1000); s <= seq; s++) {
          const count = (this.counts.get(s) ?? 0) + 1
          this.counts.set(s, count)
          if (count === this.size) {
            this.arrivals.complete(s, now)
            this.onComplete(s, now)
          }
        }
        this.highest[slot] = seq
      },
      () => {
        this.lastActivity = monoMs()
      },
    )
  }

  async quiet(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = monoMs() + timeoutMs
    for (let now = monoMs(); now < deadline; now = monoMs()) {
      const quietFor = now - this.lastActivity
      if (quietFor >= quietMs) return
      await sleep(Math.max(1, quietMs - quietFor))
    }
  }

  reached(seq: number, timeoutMs: number): Promise<number | null> {
    return this.arrivals.reached(seq, timeoutMs)
  }

  async startLoopMeter(): Promise<void> {
    this.loopMark = performance.eventLoopUtilization()
  }

  async loopBusy(): Promise<LoopBusy> {
    const { utilization, active } = performance.eventLoopUtilization(this.loopMark)
    return { utilization, activeMs: active }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect()
    this.sockets.length = 0
  }
}

/** Messages between the bench and a client child (bench/clients/session-clients-child.ts). */
export const toChildSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    url: z.string(),
    boardId: z.string(),
    token: z.string(),
    hello: z.boolean(),
    count: z.number().int().min(1),
  }),
  z.object({ type: z.literal('quiet'), quietMs: z.number(), timeoutMs: z.number() }),
  z.object({ type: z.literal('loop-start') }),
  z.object({ type: z.literal('loop-read') }),
])
export type ToChild = z.infer<typeof toChildSchema>

export const fromChildSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('joined') }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('reached'), seq: z.number(), at: z.number() }),
  z.object({ type: z.literal('quiet') }),
  z.object({ type: z.literal('loop-started') }),
  z.object({ type: z.literal('loop'), utilization: z.number(), activeMs: z.number() }),
])
export type FromChild = z.infer<typeof fromChildSchema>

const CHILD_SCRIPT = fileURLToPath(new URL('../clients/session-clients-child.ts', import.meta.url))
const CHILD_REPLY_TIMEOUT_MS = 10_000

/** A group whose clients live in a child process of their own, with its own event loop. */
class ForkedClientGroup implements ClientGroup {
  private readonly arrivals = new SeqArrivals()
  private readonly replies = new Map<FromChild['type'], (message: FromChild) => void>()
  private readonly exited: Promise<void>

  private constructor(
    private readonly child: ChildProcess,
    readonly size: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    child.on('message', (raw: unknown) => {
      const parsed = fromChildSchema.safeParse(raw)
      if (!parsed.success) return
      const message = parsed.data
      if (message.type === 'reached') return this.arrivals.complete(message.seq, message.at)
      const reply = this.replies.get(message.type === 'failed' ? 'joined' : message.type)
      reply?.(message)
    })
  }

  static async join(join: SessionJoin, count: number): Promise<ForkedClientGroup> {
    const child = fork(CHILD_SCRIPT, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const group = new ForkedClientGroup(child, count)
    try {
      const reply = await group.ask({ type: 'join', ...join, count }, 'joined', JOIN_TIMEOUT_MS * 2)
      if (reply.type === 'failed') throw new Error(`a client child could not join: ${reply.message}`)
    } catch (error) {
      await group.close()
      throw error
    }
    return group
  }

  /** Sends `message` and waits for the child's answer of type `answer` (or `failed`). */
  private ask(message: ToChild, answer: FromChild['type'], timeoutMs = CHILD_REPLY_TIMEOUT_MS) {
    const answered = new Promise<FromChild>((resolve, reject) => {
      this.replies.set(answer, resolve)
      void this.exited.then(() => reject(new Error('a client child exited')))
    })
    this.child.send(message)
    return withTimeout(answered, `a client child to answer ${message.type}`, timeoutMs).finally(() =>
      this.replies.delete(answer),
    )
  }

  reached(seq: number, timeoutMs: number): Promise<number | null> {
    return this.arrivals.reached(seq, timeoutMs)
  }

  async quiet(quietMs: number, timeoutMs: number): Promise<void> {
    await this.ask({ type: 'quiet', quietMs, timeoutMs }, 'quiet', timeoutMs + CHILD_REPLY_TIMEOUT_MS)
  }

  async startLoopMeter(): Promise<void> {
    await this.ask({ type: 'loop-start' }, 'loop-started')
  }

  async loopBusy(): Promise<LoopBusy> {
    const reply = await this.ask({ type: 'loop-read' }, 'loop')
    if (reply.type !== 'loop') throw new Error(`a client child answered ${reply.type} to loop-read`)
    return { utilization: reply.utilization, activeMs: reply.activeMs }
  }

  /** Disconnecting the IPC channel makes the child close its sockets and exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    if (this.child.connected) this.child.disconnect()
    await withTimeout(this.exited, 'a client child to exit', 10_000).catch(() => {
      this.child.kill('SIGKILL')
    })
  }
}

/**
 * `count` participants on `join`: in this process when `processes` is 0, otherwise split as
 * evenly as possible over that many child processes.
 */
export async function joinClientGroups(
  join: SessionJoin,
  count: number,
  processes: number,
): Promise<ClientGroup[]> {
  if (count <= 0) return []
  if (processes <= 0) return [await LocalClientGroup.join(join, count)]
  const sizes = Array.from({ length: Math.min(processes, count) }, (_, i) =>
    Math.floor((count + i) / Math.min(processes, count)),
  )
  const settled = await Promise.allSettled(sizes.map((size) => ForkedClientGroup.join(join, size)))
  const groups = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failure = settled.find((s) => s.status === 'rejected')
  if (failure) {
    await closeGroups(groups)
    throw failure.reason
  }
  return groups
}

/** Closes every group, then gives the server a moment to see the sockets go. */
export async function closeGroups(groups: readonly ClientGroup[]): Promise<void> {
  await Promise.all(groups.map((group) => group.close()))
  await sleep(200)
}
