import { performance } from 'node:perf_hooks'
import { type BenchClient, connectSynced, shapeRecord } from '../lib/board-client'
import type { BenchServer } from '../lib/server-process'
import { mean, percentile } from '../lib/stats'
import { sleep, waitUntil } from '../lib/wait'

export interface FanoutOptions {
  /** Clients on the board, the writer included. */
  clients: number
  /** Measured edits. */
  edits: number
  /** Edits sent first and not measured (JIT, buffers). */
  warmupEdits: number
  /** Spacing between the starts of consecutive edits. */
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
  /** Share of the time the bench's own event loop (all the clients) was busy meanwhile, 0–1. */
  clientLoopUtilization: number
}

/** Fan-out figures for one server and one client count, over one or more runs. */
export interface FanoutSummary {
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
  clientLoopUtilization: number
}

/**
 * One writer and `clients - 1` receivers on a fresh board: the writer makes one small edit per
 * transaction every `intervalMs`; each receiver timestamps the edit when its map observes it.
 */
export async function runFanout(server: BenchServer, options: FanoutOptions): Promise<FanoutRun> {
  const board = await server.createBoard()
  const clients: BenchClient[] = []
  try {
    // Join in groups of ten, as people trickle in, rather than 100 handshakes in one millisecond.
    for (let i = 0; i < options.clients; i += 10) {
      const group = Math.min(10, options.clients - i)
      clients.push(
        ...(await Promise.all(Array.from({ length: group }, () => connectSynced(server.wsBase, board)))),
      )
    }
    const [writer, ...receivers] = clients
    if (!writer) throw new Error('fan-out needs at least one client')
    await sleep(300) // let the join-time awareness traffic settle

    const total = options.warmupEdits + options.edits
    const keyToSeq = new Map<string, number>()
    const sentAt = new Float64Array(total)
    const lastArrival = new Float64Array(total)
    const arrivals = new Uint32Array(total)
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

    globalThis.gc?.() // start each run with a clean client heap
    let cpuAtStart = 0
    let eluAtStart = performance.eventLoopUtilization()
    const start = performance.now()
    for (let seq = 0; seq < total; seq++) {
      // Always yield, even when behind schedule, so receivers run between edits (bounded bursts).
      await sleep(Math.max(0, start + seq * options.intervalMs - performance.now()))
      if (seq === options.warmupEdits) {
        cpuAtStart = await server.cpuMs()
        eluAtStart = performance.eventLoopUtilization()
      }
      const key = `shape:fan${seq}`
      keyToSeq.set(key, seq)
      sentAt[seq] = performance.now()
      writer.records.set(key, shapeRecord(key, seq))
    }
    const everyoneHasEverything = () => arrivals.every((n) => n >= receivers.length)
    await waitUntil(
      everyoneHasEverything,
      'every receiver to observe every edit',
      options.drainTimeoutMs,
      1,
    ).catch(
      () => undefined, // counted below as incomplete
    )
    const clientLoopUtilization = performance.eventLoopUtilization(eluAtStart).utilization
    const serverCpuMs = (await server.cpuMs()) - cpuAtStart

    const latenciesMs: number[] = []
    let incomplete = 0
    for (let seq = options.warmupEdits; seq < total; seq++) {
      if ((arrivals[seq] ?? 0) < receivers.length) incomplete++
      else latenciesMs.push((lastArrival[seq] ?? 0) - (sentAt[seq] ?? 0))
    }
    return { latenciesMs, incomplete, serverCpuMs, clientLoopUtilization }
  } finally {
    for (const client of clients) client.destroy()
    await sleep(200) // let the server see the sockets close before the next run
  }
}

/** Pools the runs of one server at one client count. */
export function summarizeFanout(options: FanoutOptions, runs: readonly FanoutRun[]): FanoutSummary {
  const latencies = runs.flatMap((run) => run.latenciesMs)
  const edits = runs.length * options.edits
  return {
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
    clientLoopUtilization: mean(runs.map((run) => run.clientLoopUtilization)),
  }
}
