import { performance } from 'node:perf_hooks'
import { type BoardPeer, type BoardRef, shapeRecord } from '../lib/board-client'
import type { BenchServer } from '../lib/server-process'
import { mean, percentile } from '../lib/stats'
import { sleep, waitUntil } from '../lib/wait'

/** What a fan-out needs from the server under test: one server, or several behind a balancer. */
export type FanoutTarget = Pick<BenchServer, 'createBoard' | 'connect' | 'cpuMs'> & {
  /** RSS of each server process, read while the clients are still on their boards. */
  rssPerInstance?(): Promise<number[]>
}

export interface FanoutOptions {
  /** Boards, each with one writer and its own receivers; 1 when absent. */
  boards?: number
  /** Clients on each board, the writer included. */
  clients: number
  /** Measured edits, over all boards. */
  edits: number
  /** Edits sent first and not measured (JIT, buffers). */
  warmupEdits: number
  /** Spacing between the starts of consecutive edits; the boards take turns (board = edit mod boards). */
  intervalMs: number
  /** How long to wait after the last edit for every receiver to have every edit. */
  drainTimeoutMs: number
}

/** One fan-out run on a fresh board. */
export interface FanoutRun {
  /** Per measured edit: from the writer's transaction until the last receiver observed it. */
  latenciesMs: number[]
  /** Edits some receiver never observed within the drain timeout (left out of `latenciesMs`). */
  incomplete: number
  /** Server CPU (user + system) from the first measured edit until everything arrived. */
  serverCpuMs: number
  /** From sending the first measured edit until the last measured edit reached its last receiver. */
  elapsedMs: number
  /** Share of the time the bench's own event loop (all the clients) was busy meanwhile, 0–1. */
  clientLoopUtilization: number
  /** RSS of each server process after the edits, clients still connected; empty when not read. */
  rssBytes: number[]
}

/** Fan-out figures for one server and one client count, over one or more runs. */
export interface FanoutSummary {
  boards: number
  clients: number
  intervalMs: number
  runs: number
  edits: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  incomplete: number
  serverCpuUsPerEdit: number
  /** Measured edits that reached every receiver, per second of the runs' measured spans. */
  editsPerSecond: number
  clientLoopUtilization: number
  /** RSS per server process (bytes), mean and largest over instances and runs; NaN when not read. */
  rssMeanBytes: number
  rssMaxBytes: number
}

/** Connects `count` clients to `board` in groups of ten, as people trickle in. */
async function joinBoard(target: FanoutTarget, board: BoardRef, count: number): Promise<BoardPeer[]> {
  const peers: BoardPeer[] = []
  try {
    for (let i = 0; i < count; i += 10) {
      const group = Math.min(10, count - i)
      peers.push(...(await Promise.all(Array.from({ length: group }, () => target.connect(board)))))
    }
  } catch (error) {
    for (const peer of peers) peer.destroy()
    throw error
  }
  return peers
}

/**
 * On each of `boards` fresh boards, one writer and `clients - 1` receivers: every `intervalMs` the
 * next board's writer makes one small edit in its own transaction; each receiver timestamps the
 * edit when its map observes it.
 */
export async function runFanout(target: FanoutTarget, options: FanoutOptions): Promise<FanoutRun> {
  const boardCount = options.boards ?? 1
  const perBoard: BoardPeer[][] = []
  try {
    for (let b = 0; b < boardCount; b++)
      perBoard.push(await joinBoard(target, await target.createBoard(), options.clients))
    const writers = perBoard.map(([writer]) => writer)
    const receiversPerBoard = options.clients - 1
    await sleep(300) // let the join-time awareness traffic settle

    const total = options.warmupEdits + options.edits
    const keyToSeq = new Map<string, number>()
    const sentAt = new Float64Array(total)
    const lastArrival = new Float64Array(total)
    const arrivals = new Uint32Array(total)
    for (const [, ...receivers] of perBoard) {
      for (const receiver of receivers) {
        receiver.records.observe((event) => {
          const now = performance.now()
          for (const key of event.keysChanged) {
            const seq = keyToSeq.get(key)
            if (seq === undefined) continue
            arrivals[seq] = (arrivals[seq] ?? 0) + 1
            if (now > (lastArrival[seq] ?? 0)) lastArrival[seq] = now
          }
        })
      }
    }

    globalThis.gc?.() // start each run with a clean client heap
    let cpuAtStart = 0
    let eluAtStart = performance.eventLoopUtilization()
    const start = performance.now()
    for (let seq = 0; seq < total; seq++) {
      // Always yield, even when behind schedule, so receivers run between edits (bounded bursts).
      await sleep(Math.max(0, start + seq * options.intervalMs - performance.now()))
      if (seq === options.warmupEdits) {
        cpuAtStart = await target.cpuMs()
        eluAtStart = performance.eventLoopUtilization()
      }
      const writer = writers[seq % boardCount]
      if (!writer) throw new Error('fan-out needs at least one client per board')
      const key = `shape:fan${seq}`
      keyToSeq.set(key, seq)
      sentAt[seq] = performance.now()
      writer.records.set(key, shapeRecord(key, seq))
    }
    const everyoneHasEverything = () => arrivals.every((n) => n >= receiversPerBoard)
    await waitUntil(
      everyoneHasEverything,
      'every receiver to observe every edit',
      options.drainTimeoutMs,
      1,
    ).catch(
      () => undefined, // counted below as incomplete
    )
    const clientLoopUtilization = performance.eventLoopUtilization(eluAtStart).utilization
    const serverCpuMs = (await target.cpuMs()) - cpuAtStart
    const rssBytes = (await target.rssPerInstance?.()) ?? []

    const latenciesMs: number[] = []
    let incomplete = 0
    let lastMeasured = sentAt[options.warmupEdits] ?? 0
    for (let seq = options.warmupEdits; seq < total; seq++) {
      if ((arrivals[seq] ?? 0) < receiversPerBoard) incomplete++
      else latenciesMs.push((lastArrival[seq] ?? 0) - (sentAt[seq] ?? 0))
      lastMeasured = Math.max(lastMeasured, lastArrival[seq] ?? 0)
    }
    const elapsedMs = lastMeasured - (sentAt[options.warmupEdits] ?? 0)
    return { latenciesMs, incomplete, serverCpuMs, elapsedMs, clientLoopUtilization, rssBytes }
  } finally {
    for (const peer of perBoard.flat()) peer.destroy()
    await sleep(200) // let the server see the sockets close before the next run
  }
}

/** Pools the runs of one server at one client count. */
export function summarizeFanout(options: FanoutOptions, runs: readonly FanoutRun[]): FanoutSummary {
  const latencies = runs.flatMap((run) => run.latenciesMs)
  const edits = runs.length * options.edits
  const rss = runs.flatMap((run) => run.rssBytes)
  const completed = latencies.length
  return {
    boards: options.boards ?? 1,
    clients: options.clients,
    intervalMs: options.intervalMs,
    runs: runs.length,
    edits,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    meanMs: mean(latencies),
    incomplete: runs.reduce((sum, run) => sum + run.incomplete, 0),
    serverCpuUsPerEdit: (runs.reduce((sum, run) => sum + run.serverCpuMs, 0) * 1000) / edits,
    editsPerSecond: (completed * 1000) / runs.reduce((sum, run) => sum + run.elapsedMs, 0),
    clientLoopUtilization: mean(runs.map((run) => run.clientLoopUtilization)),
    rssMeanBytes: mean(rss),
    rssMaxBytes: rss.length === 0 ? Number.NaN : Math.max(...rss),
  }
}
