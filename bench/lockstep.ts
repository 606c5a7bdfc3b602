/**
 * `npm run bench` (second part), or `npm run bench:lockstep`: the live session's fan-out. A
 * facilitator steps a scenario; per step, the time until the LAST of N participants has the new
 * state, and the server's CPU time per step. Reference in the same run: a bare socket.io server
 * that rebroadcasts one event to the room (bench/servers/socketio-server.ts). Each server runs in
 * its own child process; runs of the two are interleaved (ABBA). Prints a table, writes JSON.
 *
 * BENCH_CLIENT_PROCESSES=k overrides where the participants run (0: all in this process).
 */
import { z } from 'zod'
import { abbaOrder, machineMeta, progress, runBench } from './lib/bench-main'
import { type BenchServer, launchServer, type ServerKind } from './lib/server-process'
import { LocalClientGroup } from './lib/session-clients'
import { withTimeout } from './lib/wait'
import { type LockstepReport, type PerSession, renderLockstepReport } from './lockstep-report'
import {
  lockstepDriver,
  rebroadcastDriver,
  runSessionFanout,
  type SessionDriver,
  type SessionFanoutRun,
  type SessionFanoutSummary,
  summarizeSessionFanout,
} from './scenarios/session-fanout'

const clientProcesses = Number(process.env.BENCH_CLIENT_PROCESSES ?? 0)
if (!Number.isInteger(clientProcesses) || clientProcesses < 0 || clientProcesses > 8) {
  throw new Error('BENCH_CLIENT_PROCESSES must be an integer from 0 to 8')
}

const SETTINGS = {
  scenarioId: 'cells-poison-tenant',
  runs: [{ clients: 10 }, { clients: 50 }, { clients: 200 }],
  /**
   * 0: every participant in this process. Measured on a 2-vCPU machine, splitting the viewers
   * over 1 or 2 child processes was no faster (no free core for them beside the server and this
   * process, plus IPC), so the default keeps them here; try 2 on a machine with 4 cores or more.
   */
  clientProcesses,
  /** Runs per server and client count, each on a fresh board, ABBA-interleaved. */
  rounds: 4,
  /** Measured steps per run: rounds × steps per server and client count. */
  steps: 50,
  warmupSteps: 10,
  quietMs: 5,
  pauseMs: 10,
  stepTimeoutMs: 10_000,
  /** The whole run stops by itself after this, whatever happens. */
  budgetMs: 2.5 * 60_000,
}
export type LockstepBenchSettings = typeof SETTINGS

const KINDS = ['lockstep', 'socketio'] as const satisfies readonly ServerKind[]

const scenarioSchema = z.object({ id: z.string(), steps: z.array(z.unknown()).min(1) })
const stateSchema = z.looseObject({ seq: z.number() })

/**
 * What the two drivers need from ours: the scenario's length, and one real session state (after
 * load and one step) for the reference to rebroadcast, so both servers send the same bytes.
 */
async function probe(
  server: BenchServer,
): Promise<{ scenarioSteps: number; sample: z.infer<typeof stateSchema> }> {
  const res = await fetch(`${server.httpBase}/api/scenarios/${SETTINGS.scenarioId}`, {
    signal: AbortSignal.timeout(10_000),
  })
  if (!res.ok) throw new Error(`scenario ${SETTINGS.scenarioId}: ${res.status}`)
  const scenario = scenarioSchema.parse(await res.json())
  const board = await server.createBoard()
  const group = await LocalClientGroup.join(
    { url: server.httpBase, boardId: board.id, token: board.tokens.facilitator, hello: true },
    1,
  )
  try {
    const socket = group.sockets[0]
    if (!socket) throw new Error('the probe did not connect')
    const driver = lockstepDriver(scenario.id, scenario.steps.length)
    let latest: unknown
    socket.on('session:state', (state: unknown) => {
      latest = state
    })
    const seq = group.latestSeq
    for (let index = 0; index < 2; index++) {
      await socket.timeout(10_000).emitWithAck(driver.event, driver.payload(index, seq + index + 1))
    }
    await withTimeout(group.reached(seq + 2, 10_000), 'the probe state', 10_000)
    return { scenarioSteps: scenario.steps.length, sample: stateSchema.parse(latest) }
  } finally {
    await group.close()
  }
}

async function run(): Promise<LockstepReport> {
  const launched = await Promise.allSettled(KINDS.map((kind) => launchServer(kind)))
  const servers = launched.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  try {
    const [lockstep, socketio] = servers
    if (!lockstep || !socketio || servers.length !== KINDS.length)
      throw new Error(
        `could not start both servers: ${launched.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : [])).join('; ')}`,
      )
    const { scenarioSteps, sample } = await probe(lockstep)
    const drivers: PerSession<SessionDriver> = {
      lockstep: lockstepDriver(SETTINGS.scenarioId, scenarioSteps),
      socketio: rebroadcastDriver(sample),
    }
    const byKind: PerSession<BenchServer> = { lockstep, socketio }
    const results: PerSession<SessionFanoutSummary>[] = []
    for (const at of SETTINGS.runs) {
      const options = { ...SETTINGS, ...at }
      const runs: PerSession<SessionFanoutRun[]> = { lockstep: [], socketio: [] }
      for (let round = 0; round < SETTINGS.rounds; round++) {
        for (const kind of abbaOrder(KINDS, round)) {
          progress(`session fan-out, ${at.clients} clients, round ${round + 1}: ${kind}`)
          runs[kind].push(await runSessionFanout(byKind[kind], drivers[kind], options))
        }
      }
      results.push({
        lockstep: summarizeSessionFanout(options, runs.lockstep),
        socketio: summarizeSessionFanout(options, runs.socketio),
      })
    }
    return {
      meta: { ...machineMeta(), settings: SETTINGS },
      scenarioSteps,
      stateBytes: Buffer.byteLength(JSON.stringify(sample)),
      fanout: results,
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
}

await runBench({ name: 'lockstep', budgetMs: SETTINGS.budgetMs, run, render: renderLockstepReport })
