/**
 * The reference for bench/scale.ts: Hocuspocus 4 as its documentation sets it up, in a child
 * process on an ephemeral localhost port. It persists the way `@hocuspocus/extension-database`
 * does (fetch on load; the whole document state upserted by `onStoreDocument`, which Hocuspocus
 * debounces: 2 s after a change, at most 10 s) into a table of the bench's PostgreSQL schema
 * (`DATABASE_URL`, `DATABASE_SCHEMA`). With `HOCUSPOCUS_STORE=every-update` it also appends each
 * incoming update to a log table and waits for it before the update is applied and relayed, as
 * ours does. With `REDIS_URL` it runs `@hocuspocus/extension-redis`, so several instances serve
 * one document. Speaks the IPC control protocol of `control.ts`.
 */

import { Redis } from '@hocuspocus/extension-redis'
import { type Extension, Server } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import pg from 'pg'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import { z } from 'zod'
import {
  answerProcessRequest,
  type ControlReply,
  controlRequestSchema,
  HOCUSPOCUS_TABLE,
  HOCUSPOCUS_UPDATES_TABLE,
  RECORDS_MAP,
} from './control'

const env = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
    REDIS_URL: z
      .string()
      .regex(/^redis:\/\//)
      .optional(),
    /** Key prefix in Redis, so runs never hear each other. */
    HOCUSPOCUS_REDIS_PREFIX: z.string().min(1).default('hocuspocus-bench'),
    /** debounced: as extension-database; every-update: each update also appended before relay. */
    HOCUSPOCUS_STORE: z.enum(['debounced', 'every-update']).default('debounced'),
  })
  .parse(process.env)

const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  options: `-c search_path=${env.DATABASE_SCHEMA}`,
  max: 4,
})

/** What `@hocuspocus/extension-database` does with its `fetch` and `store` callbacks. */
const database: Extension = {
  extensionName: 'Database (PostgreSQL)',
  async onLoadDocument({ documentName, document }) {
    const { rows } = await pool.query<{ data: Buffer }>(
      `SELECT data FROM ${HOCUSPOCUS_TABLE} WHERE name = $1`,
      [documentName],
    )
    const stored = rows[0]?.data
    if (stored) Y.applyUpdate(document, new Uint8Array(stored))
    if (env.HOCUSPOCUS_STORE === 'every-update') {
      const log = await pool.query<{ data: Buffer }>(
        `SELECT data FROM ${HOCUSPOCUS_UPDATES_TABLE} WHERE name = $1 ORDER BY id`,
        [documentName],
      )
      for (const row of log.rows) Y.applyUpdate(document, new Uint8Array(row.data))
    }
    return document
  },
  async onStoreDocument({ documentName, document }) {
    await pool.query(
      `INSERT INTO ${HOCUSPOCUS_TABLE} (name, data) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
      [documentName, Buffer.from(Y.encodeStateAsUpdate(document))],
    )
  },
}

/** Hocuspocus frames are [document name][type][payload]; sync (0) and sync reply (4) carry updates. */
function updateIn(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarString(decoder)
  const type = decoding.readVarUint(decoder)
  if (type !== 0 && type !== 4) return null
  const syncType = decoding.readVarUint(decoder)
  if (syncType !== messageYjsSyncStep2 && syncType !== messageYjsUpdate) return null
  const update = decoding.readVarUint8Array(decoder)
  return update.byteLength > 2 ? update : null // 2 bytes: an empty update (a step 2 with nothing new)
}

/**
 * Hocuspocus handles one connection's frames in order and awaits this hook before applying a
 * frame, so the update is stored before it is applied and relayed (no compaction: the bench's
 * boards are small and short-lived).
 */
const appendEveryUpdate: Extension = {
  extensionName: 'Append every update before relay',
  async beforeHandleMessage({ documentName, update: frame }) {
    const update = updateIn(frame)
    if (!update) return
    await pool.query(`INSERT INTO ${HOCUSPOCUS_UPDATES_TABLE} (name, data) VALUES ($1, $2)`, [
      documentName,
      Buffer.from(update),
    ])
  },
}

const redis = env.REDIS_URL ? new URL(env.REDIS_URL) : undefined
const extensions: Extension[] = [database]
if (env.HOCUSPOCUS_STORE === 'every-update') extensions.push(appendEveryUpdate)
if (redis) {
  extensions.push(
    new Redis({
      host: redis.hostname,
      port: Number(redis.port || 6379),
      prefix: env.HOCUSPOCUS_REDIS_PREFIX,
    }),
  )
}

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions,
})
await server.listen()

const reply = (message: ControlReply) => process.send?.(message)

process.on('message', (raw: unknown) => {
  const parsed = controlRequestSchema.safeParse(raw)
  if (!parsed.success) return
  const request = parsed.data
  switch (request.type) {
    case 'memory':
    case 'cpu':
      return reply(answerProcessRequest(request))
    case 'record-count': {
      const document = server.hocuspocus.documents.get(request.docName)
      return reply({ id: request.id, type: 'record-count', count: document?.getMap(RECORDS_MAP).size ?? 0 })
    }
    case 'unload':
      return reply({ id: request.id, type: 'unload', supported: false })
    default: {
      const unexpected: never = request
      throw new Error(`unhandled control request ${JSON.stringify(unexpected)}`)
    }
  }
})

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await server.destroy().catch(() => undefined) // stores what is pending, unloads every document
  await pool.end().catch(() => undefined)
  process.exit(0)
}
process.on('disconnect', () => void stop())
process.on('SIGTERM', () => void stop())

reply({ type: 'ready', port: server.address.port })
