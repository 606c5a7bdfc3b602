/**
 * `npm run bench:scale` (issue 14): Lockstep as one instance and as three behind HAProxy
 * (deploy/haproxy.cfg), PostgreSQL for both and Redis between the three, against Hocuspocus 4
 * doing the same job (one instance; three with @hocuspocus/extension-redis), all in one run.
 * Per board size: edit fan-out to every peer (p50/p99), edits/s, server CPU per edit, RSS per
 * instance. The four sets stay up for the whole run and take turns ABBA. Prints a table, writes JSON.
 *
 * BENCH_SCALE_REFERENCE_STORE=every-update makes Hocuspocus also append every update to PostgreSQL
 * before relaying it, as ours does (default `debounced`: as @hocuspocus/extension-database stores).
 */
import os from 'node:os'
import { z } from 'zod'
import { abbaOrder, machineMeta, progress, runBench } from './lib/bench-main'
import { killOwnChildrenNamed } from './lib/own-children'
import { launchServerSet, type ServerSet } from './lib/server-set'
import { sleep } from './lib/wait'
import { type PerSet, renderScaleReport, type ScaleReport, SET_NAMES, type SetName } from './scale-report'
import { type FanoutRun, runFanout, summarizeFanout } from './scenarios/fanout-latency'

const referenceStore = z
  .enum(['debounced', 'every-update'])
  .default('debounced')
  .parse(process.env.BENCH_SCALE_REFERENCE_STORE || undefined)

const SETTINGS = {
  /**
   * The bench's clients share one event loop on a 2-core machine that also runs every server,
   * PostgreSQL, Redis and HAProxy: edits are spaced so each run asks the clients for at most
   * about 2,500 deliveries a second (edits/s × receivers per board), well below what saturates it.
   */
  runs: [
    { label: '10 clients, 1 board', boards: 1, clients: 10, intervalMs: 10, warmupEdits: 20 },
    { label: '50 clients, 1 board', boards: 1, clients: 50, intervalMs: 20, warmupEdits: 20 },
    { label: '100 clients, 1 board', boards: 1, clients: 100, intervalMs: 40, warmupEdits: 20 },
    { label: '20 boards × 10 clients', boards: 20, clients: 10, intervalMs: 10, warmupEdits: 40 },
  ],
  /** Runs per set and board size, each on fresh boards, ABBA over the four sets. */
  rounds: 2,
  /** Measured edits per run (over all its boards): 600 a set and size, so a p99 is not one or two stalls. */
  edits: 300,
  drainTimeoutMs: 10_000,
  /** Between runs: sockets closed, boards unloaded and stored, before the next set is measured. */
  pauseMs: 1_000,
  /** Eight servers compile and start at once: on a busy 2-core machine that can take a minute. */
  startTimeoutMs: 120_000,
  /** Our boards unload this long after their last client leaves (Hocuspocus unloads at once). */
  idleUnloadMs: 500,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  /** How the Hocuspocus sets store (see hocuspocus-server.ts). */
  referenceStore,
  /** No run starts later than this after the start, so the whole bench ends well within its budget. */
  lastStartMs: 6.5 * 60_000,
  /** The whole run stops by itself after this, whatever happens. */
  budgetMs: 8 * 60_000,
}
export type ScaleBenchSettings = typeof SETTINGS

const SETS: Record<SetName, { kind: ServerSet['kind']; instances: number }> = {
  lockstep1: { kind: 'lockstep', instances: 1 },
  lockstep3: { kind: 'lockstep', instances: 3 },
  hocuspocus1: { kind: 'hocuspocus', instances: 1 },
  hocuspocus3: { kind: 'hocuspocus', instances: 3 },
}

async function launchSets(): Promise<PerSet<ServerSet>> {
  progress(`starting ${SET_NAMES.join(', ')}`)
  const launched = await Promise.allSettled(
    SET_NAMES.map((name) =>
      launchServerSet({
        ...SETS[name],
        redisUrl: SETTINGS.redisUrl,
        startTimeoutMs: SETTINGS.startTimeoutMs,
        env: {
          IDLE_UNLOAD_MS: String(SETTINGS.idleUnloadMs),
          // one address creates every board of the run through the balancer
          BOARD_CREATE_LIMIT: '100000',
          HOCUSPOCUS_STORE: SETTINGS.referenceStore,
        },
      }),
    ),
  )
  const started: Partial<PerSet<ServerSet>> = {}
  SET_NAMES.forEach((name, i) => {
    const result = launched[i]
    if (result?.status === 'fulfilled') started[name] = result.value
  })
  const failed = launched.find((result) => result.status === 'rejected')
  if (failed) {
    await stopSets(started)
    throw failed.reason
  }
  return started as PerSet<ServerSet>
}

async function stopSets(sets: Partial<PerSet<ServerSet>>): Promise<void> {
  await Promise.all(Object.values(sets).map((set) => set.stop().catch(() => undefined)))
}

async function run(): Promise<ScaleReport> {
  const started = performance.now()
  const loadAtStart = os.loadavg()[0] ?? Number.NaN
  let sets: PerSet<ServerSet> | undefined
  try {
    sets = await launchSets() // our instances read content laid out once (lib/server-process.ts)
    const results: ScaleReport['results'] = []
    let skipped = 0
    for (const at of SETTINGS.runs) {
      const options = { ...SETTINGS, ...at }
      const runs: PerSet<FanoutRun[]> = { lockstep1: [], lockstep3: [], hocuspocus1: [], hocuspocus3: [] }
      for (let round = 0; round < SETTINGS.rounds; round++) {
        for (const name of abbaOrder(SET_NAMES, round)) {
          if (performance.now() - started > SETTINGS.lastStartMs) {
            skipped++
            continue
          }
          progress(`${at.label}, round ${round + 1}: ${name}`)
          runs[name].push(await runFanout(sets[name], options))
          await sleep(SETTINGS.pauseMs)
        }
      }
      results.push({
        label: at.label,
        lockstep1: summarizeFanout(options, runs.lockstep1),
        lockstep3: summarizeFanout(options, runs.lockstep3),
        hocuspocus1: summarizeFanout(options, runs.hocuspocus1),
        hocuspocus3: summarizeFanout(options, runs.hocuspocus3),
      })
    }
    return {
      meta: { ...machineMeta(), settings: SETTINGS },
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? Number.NaN },
      skippedRuns: skipped,
      results,
    }
  } finally {
    if (sets) await stopSets(sets)
  }
}

process.setMaxListeners(500) // each WebsocketProvider adds a process 'exit' listener
// Stopped by the budget, the server children exit with their IPC channel; HAProxy has none.
process.on('exit', () => killOwnChildrenNamed('haproxy'))
await runBench({ name: 'scale', budgetMs: SETTINGS.budgetMs, run, render: renderScaleReport })
