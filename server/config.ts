import path from 'node:path'
import { z } from 'zod'

const MiB = 1024 * 1024

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * MiB),
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COMPACT_EVERY_UPDATES: z.coerce.number().int().min(1).default(500),
  AUTO_VERSION_EVERY_MS: z.coerce.number().int().min(1).default(3_600_000),
  SESSION_END_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  AUTO_VERSIONS_KEPT: z.coerce.number().int().min(1).default(48),
})

export type LogLevel = z.infer<typeof envSchema>['LOG_LEVEL']

/** Everything the server can be told, parsed once at start-up. */
export interface ServerConfig {
  port: number
  host: string | undefined
  dataDir: string
  databaseUrl: string | undefined
  redisUrl: string | undefined
  tldrawLicenseKey: string | undefined
  logLevel: LogLevel
  /** Largest WebSocket/socket.io message accepted; a larger one closes only its socket. */
  maxMessageBytes: number
  /** How long a board with no connections stays in memory before it is unloaded. */
  idleUnloadMs: number
  /** Fold a board's update log into one snapshot after this many appended updates. */
  compactEveryUpdates: number
  /** Keep an automatic version of a changing board at most this often. */
  autoVersionEveryMs: number
  /** How long a board must stay empty before its session counts as ended (a reload is not an end). */
  sessionEndGraceMs: number
  /** Automatic versions kept per board (the newest); saved and published ones are always kept. */
  autoVersionsKept: number
  /** Directory of the built client (index.html and assets). */
  clientDir: string
  /** Directory of the content files (templates, and later scenarios, articles, workshops). */
  contentDir: string
  /** Content the server build prepared (laid-out templates, checked scenarios); without it, done at start. */
  preparedContentFile: string | undefined
}

/** Reads the configuration from environment variables (DESIGN.md §6), with a clear error on bad values. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
    autoVersionEveryMs: e.AUTO_VERSION_EVERY_MS,
    sessionEndGraceMs: e.SESSION_END_GRACE_MS,
    autoVersionsKept: e.AUTO_VERSIONS_KEPT,
    // where the built client is; tests that build in parallel point it elsewhere
    clientDir: path.resolve(process.env.LOCKSTEP_CLIENT_DIR ?? 'dist/client'),
    contentDir: path.resolve('content'),
    preparedContentFile: undefined,
  }
}
