/**
 * The reference for bench/scale.ts: Hocuspocus 4 as its documentation sets it up, in a child
 * process on an ephemeral localhost port. It persists the way `@hocuspocus/extension-database`
 * does (fetch on load; the whole document state upserted by `onStoreDocument`, which Hocuspocus
 * debounces: 2 s after a change, at most 10 s) into a table of the bench's PostgreSQL schema
 * (`DATABASE_URL`, `DATABASE_SCHEMA`). With `REDIS_URL` it runs `@hocuspocus/extension-redis`,
 * so several instances serve one document. Speaks the IPC control protocol of `control.ts`.
 */

import { Redis } from '@hocuspocus/extension-redis'
import { type Extension, Server } from '@hocuspocus/server'
import pg from 'pg'
import * as Y from 'yjs'
import { z } from 'zod'
import {
  answerProcessRequest,
  type ControlReply,
  controlRequestSchema,
  HOCUSPOCUS_TABLE,
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

const redis = env.REDIS_URL ? new URL(env.REDIS_URL) : undefined
const extensions: Extension[] = [database]
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
