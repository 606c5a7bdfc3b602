/**
 * Our server as a child process of the benchmark: a temp DATA_DIR (or the environment's
 * DATABASE_URL, and REDIS_URL for several instances), LOG_LEVEL=warn, an ephemeral port, and
 * answers to the control requests in `control.ts` over IPC. Exits when the bench goes away.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../../server/app'
import { defaultSyncLimits } from '../../server/sync/connection-limits'
import {
  answerProcessRequest,
  type ControlReply,
  type ControlRequest,
  controlRequestSchema,
  RECORDS_MAP,
} from './control'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'))
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  logLevel: 'warn',
  clientDir: dataDir, // the client build is not needed
  // laid out once by the bench (lib/server-process.ts), as a built server reads it
  preparedContentFile: process.argv[2],
  // The reference never unloads a document; keep ours loaded too so no unload lands mid-measurement
  // (unless the bench says otherwise: bench/scale.ts compares with one that unloads at once).
  ...(process.env.IDLE_UNLOAD_MS ? {} : { idleUnloadMs: 10 * 60_000 }),
  // The facilitator here steps as fast as the room answers; a person's allowance (a burst of 30,
  // then 2 a second) would measure the rate limit, not the fan-out.
  sessionEvents: { burst: 1_000_000, perMinute: 60_000_000 },
  // and 200 participants from one address would meet the per-address allowance for newcomers
  newIdentities: { burst: 1_000_000, perMinute: 60_000_000 },
  // the bench's writer edits faster than a person draws, and seeds 10,000 records at once:
  // a person's per-connection allowance would measure the limit, not the sync
  syncLimits: {
    ...defaultSyncLimits(4 * 1024 * 1024),
    updates: { perSecond: 1_000_000, burst: 1_000_000 },
    inboundBytes: { perSecond: 1e9, burst: 1e9 },
  },
})

const reply = (message: ControlReply) => process.send?.(message)

async function answer(request: ControlRequest): Promise<ControlReply> {
  switch (request.type) {
    case 'memory':
    case 'cpu':
      return answerProcessRequest(request)
    case 'record-count': {
      const room = await server.rooms.peek(request.docName)
      if (!room) return { id: request.id, type: 'record-count', count: 0 }
      await room.flush() // "the server has it" means stored, not just applied
      return { id: request.id, type: 'record-count', count: room.doc.getMap(RECORDS_MAP).size }
    }
    case 'unload':
      await server.rooms.unload(request.docName)
      return { id: request.id, type: 'unload', supported: true }
    default: {
      const unexpected: never = request
      throw new Error(`unhandled control request ${JSON.stringify(unexpected)}`)
    }
  }
}

process.on('message', (raw: unknown) => {
  const parsed = controlRequestSchema.safeParse(raw)
  if (!parsed.success) return
  answer(parsed.data).then(reply, (error: unknown) =>
    reply({
      id: parsed.data.id,
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    }),
  )
})

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await server.close().catch(() => undefined)
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
process.on('disconnect', () => void stop())
process.on('SIGTERM', () => void stop())

reply({ type: 'ready', port: server.port })
