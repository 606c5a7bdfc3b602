/**
 * `npm run bench`: Lockstep's Yjs endpoint against the classic y-websocket server (DESIGN.md §9).
 * Each server runs in its own child process; the clients run here. Runs of the two servers are
 * interleaved (ABBA) so drift on the machine lands on both. Prints a table, writes JSON.
 */
import { abbaOrder, machineMeta, progress, runBench } from './lib/bench-main'
import { type BenchServer, launchServer, type ServerKind } from './lib/server-process'
import { median } from './lib/stats'
import { type BoardMemoryResult, measureBoardMemory } from './scenarios/board-memory'
import { type FanoutRun, type FanoutSummary, runFanout, summarizeFanout } from './scenarios/fanout-latency'
import { type SeededBoard, seedBoard } from './scenarios/initial-sync'
import { type PerServer, renderReport, type SyncReport } from './sync-report'

const SETTINGS = {
  fanout: {
    // Wider spacing for more clients: they all share this one event loop, and a saturated loop
    // would measure the bench machine rather than the server.
    runs: [
      { clients: 10, intervalMs: 4 },
      { clients: 50, intervalMs: 5 },
      { clients: 100, intervalMs: 10 },
    ],
    rounds: 2,
    edits: 500,
    warmupEdits: 50,
    drainTimeoutMs: 15_000,
  },
  initialSync: { records: 10_000, perTransaction: 500, repeats: 7 },
  memory: { boards: 20, recordsPerBoard: 500 },
  /** The whole run stops by itself after this, whatever happens. */
  budgetMs: 4 * 60_000,
}
export type BenchSettings = typeof SETTINGS

const KINDS = ['lockstep', 'classic'] as const satisfies readonly ServerKind[]

/** Both kinds, ours first in even rounds and last in odd ones (ABBA). */
const orderFor = (round: number) => abbaOrder(KINDS, round)

async function launchBoth(): Promise<PerServer<BenchServer>> {
  const [lockstep, classic] = await Promise.all(KINDS.map((kind) => launchServer(kind)))
  if (!lockstep || !classic) throw new Error('could not start both servers')
  return { lockstep, classic }
}

async function stopBoth(servers: PerServer<BenchServer> | undefined): Promise<void> {
  if (servers) await Promise.all(KINDS.map((kind) => servers[kind].stop()))
}

async function fanoutAt(
  servers: PerServer<BenchServer>,
  { clients, intervalMs }: { clients: number; intervalMs: number },
): Promise<PerServer<FanoutSummary>> {
  const options = { ...SETTINGS.fanout, clients, intervalMs }
  const runs: PerServer<FanoutRun[]> = { lockstep: [], classic: [] }
  for (let round = 0; round < SETTINGS.fanout.rounds; round++) {
    for (const kind of orderFor(round)) {
      progress(`fan-out, ${clients} clients, round ${round + 1}: ${kind}`)
      runs[kind].push(await runFanout(servers[kind], options))
    }
  }
  return {
    lockstep: summarizeFanout(options, runs.lockstep),
    classic: summarizeFanout(options, runs.classic),
  }
}

async function initialSync(servers: PerServer<BenchServer>): Promise<SyncReport['initialSync']> {
  progress(`initial sync: seeding ${SETTINGS.initialSync.records} records on each server`)
  const boards: Partial<PerServer<SeededBoard>> = {}
  try {
    for (const kind of KINDS) boards[kind] = await seedBoard(servers[kind], SETTINGS.initialSync)
    const { lockstep, classic } = boards
    if (!lockstep || !classic) throw new Error('seeding failed')
    const seeded: PerServer<SeededBoard> = { lockstep, classic }
    const samples: PerServer<number[]> = { lockstep: [], classic: [] }
    for (const kind of KINDS) await seeded[kind].timeJoin() // warm-up, not recorded
    for (let round = 0; round < SETTINGS.initialSync.repeats; round++) {
      for (const kind of orderFor(round)) samples[kind].push(await seeded[kind].timeJoin())
    }
    progress('initial sync: cold joins (ours only)')
    const cold: number[] = []
    for (let i = 0; i < SETTINGS.initialSync.repeats; i++) {
      const ms = await seeded.lockstep.timeColdJoin()
      if (ms !== null) cold.push(ms)
    }
    const summary = (kind: keyof PerServer<unknown>) => ({
      samplesMs: samples[kind],
      medianMs: median(samples[kind]),
    })
    return {
      records: SETTINGS.initialSync.records,
      stateBytes: lockstep.stateBytes,
      lockstep: summary('lockstep'),
      classic: summary('classic'),
      lockstepCold: { samplesMs: cold, medianMs: median(cold) },
    }
  } finally {
    for (const kind of KINDS) boards[kind]?.close()
  }
}

async function memory(servers: PerServer<BenchServer>): Promise<PerServer<BoardMemoryResult>> {
  const results: Partial<PerServer<BoardMemoryResult>> = {}
  for (const kind of KINDS) {
    progress(`memory per board: ${kind}`)
    results[kind] = await measureBoardMemory(servers[kind], SETTINGS.memory)
  }
  const { lockstep, classic } = results
  if (!lockstep || !classic) throw new Error('memory measurement failed')
  return { lockstep, classic }
}

async function run(): Promise<SyncReport> {
  let servers: PerServer<BenchServer> | undefined
  try {
    servers = await launchBoth()
    const fanout: PerServer<FanoutSummary>[] = []
    for (const at of SETTINGS.fanout.runs) fanout.push(await fanoutAt(servers, at))
    const sync = await initialSync(servers)
    await stopBoth(servers)
    // Memory on fresh processes, so nothing the earlier phases left behind blurs the difference.
    servers = await launchBoth()
    const mem = await memory(servers)
    return {
      meta: { ...machineMeta(), settings: SETTINGS },
      fanout,
      initialSync: sync,
      memory: mem,
    }
  } finally {
    await stopBoth(servers)
  }
}

process.setMaxListeners(500) // each WebsocketProvider adds a process 'exit' listener
await runBench({ name: 'sync', budgetMs: SETTINGS.budgetMs, run, render: renderReport })
