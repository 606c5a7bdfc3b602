import path from 'node:path'
import { z } from 'zod'
import { type BoardLimits, boardLimitsSchema, DEFAULT_BOARD_LIMITS } from '../shared/boards/board-limits'
import { allowedOriginsSchema, type OriginPolicy } from './http/origin-policy'
import type { RateLimit } from './session/token-bucket'
import type { SyncLimits } from './sync/connection-limits'

const MiB = 1024 * 1024

/** EMBED_ALLOWED_HOSTS: hosts whose pages boards may show in frames (embeds); empty means none. */
const embedHostsSchema = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/, 'not a host name')))

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL, postgres://user:password@host:5432/database')
    .optional(),
  /** The PostgreSQL schema for Lockstep's tables; default: the connection's search_path (public). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case schema name')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a Redis URL, redis://host:6379')
    .optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * MiB),
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COMPACT_EVERY_UPDATES: z.coerce.number().int().min(1).default(500),
  COMPACT_QUIET_MS: z.coerce.number().int().min(0).max(600_000).default(1_500),
  AUTO_VERSION_EVERY_MS: z.coerce.number().int().min(1).default(3_600_000),
  SESSION_END_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  CLOCK_LEASE_MS: z.coerce.number().int().min(300).max(60_000).default(3_000),
  AUTO_VERSIONS_KEPT: z.coerce.number().int().min(1).default(48),
  BOARD_MAX_RECORDS: z.coerce
    .number()
    .pipe(boardLimitsSchema.shape.maxRecords)
    .default(DEFAULT_BOARD_LIMITS.maxRecords),
  BOARD_MAX_TEXT_CHARS: z.coerce
    .number()
    .pipe(boardLimitsSchema.shape.maxTextChars)
    .default(DEFAULT_BOARD_LIMITS.maxTextChars),
  BOARD_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * MiB),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(5_000).default(20),
  BOARD_CREATE_LIMIT: z.coerce.number().int().min(1).default(30),
  BOARD_IMPORT_LIMIT: z.coerce.number().int().min(1).default(10),
  REST_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  NEW_IDENTITY_BURST: z.coerce.number().int().min(1).default(60),
  NEW_IDENTITIES_PER_MINUTE: z.coerce.number().min(0).default(10),
  SESSION_EVENT_BURST: z.coerce.number().int().min(1).default(30),
  SESSION_EVENTS_PER_MINUTE: z.coerce.number().min(0).default(120),
  ALLOWED_ORIGINS: allowedOriginsSchema,
  EMBED_ALLOWED_HOSTS: embedHostsSchema,
})

export type LogLevel = z.infer<typeof envSchema>['LOG_LEVEL']

/** Everything the server can be told, parsed once at start-up. */
export interface ServerConfig {
  port: number
  host: string | undefined
  dataDir: string
  databaseUrl: string | undefined
  databaseSchema: string | undefined
  redisUrl: string | undefined
  tldrawLicenseKey: string | undefined
  logLevel: LogLevel
  /** Largest WebSocket/socket.io message accepted; a larger one closes only its socket. */
  maxMessageBytes: number
  /** How long a board with no connections stays in memory before it is unloaded. */
  idleUnloadMs: number
  /** Fold a board's update log into one snapshot after this many appended updates. */
  compactEveryUpdates: number
  /** …at the first pause of this long without a change (8× the count folds it anyway). */
  compactQuietMs: number
  /** Keep an automatic version of a changing board at most this often. */
  autoVersionEveryMs: number
  /** How long a board must stay empty before its session counts as ended (a reload is not an end). */
  sessionEndGraceMs: number
  /**
   * With REDIS_URL: how long one instance holds a board's auto-play clock without renewing it; when
   * its holder dies, another instance takes the clock after at most this long.
   */
  clockLeaseMs: number
  /** Automatic versions kept per board (the newest); saved and published ones are always kept. */
  autoVersionsKept: number
  /** What one board may hold; checked on every change and told to the client. */
  boardLimits: BoardLimits
  /** Bytes a board may hold in storage (its update log plus snapshot); changes beyond are refused. */
  boardQuotaBytes: number
  /** How long one SQLite write may wait for a lock before the board pauses saving and retries later. */
  sqliteBusyTimeoutMs: number
  /** Per network address: boards created (new or forked) and files imported per `restLimitWindowMs`. */
  boardCreateLimit: number
  boardImportLimit: number
  restLimitWindowMs: number
  /** Per network address and board: identities issued to newcomers (burst, then a steady rate). */
  newIdentities: RateLimit
  /** Per session connection and kind of message (hello, vote, intent, …): burst, then a steady rate. */
  sessionEvents: RateLimit
  /** Which pages may send state-changing requests: the request's own host, or the listed origins. */
  allowedOrigins: OriginPolicy
  /** Hosts boards may show in frames (embeds); the CSP's frame-src lists exactly these. */
  embedAllowedHosts: string[]
  /** What one Yjs connection may send; undefined: `defaultSyncLimits(maxMessageBytes)` (README, Limits). */
  syncLimits?: SyncLimits
  /** How often each Yjs socket hears the server is still here; undefined: every 10 s (tests set less). */
  yjsKeepaliveMs?: number
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
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration: REDIS_URL needs DATABASE_URL too. Instances that share boards must share ' +
        'their storage, and the embedded SQLite file cannot be shared; set DATABASE_URL=postgres://…',
    )
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
    compactQuietMs: e.COMPACT_QUIET_MS,
    autoVersionEveryMs: e.AUTO_VERSION_EVERY_MS,
    sessionEndGraceMs: e.SESSION_END_GRACE_MS,
    clockLeaseMs: e.CLOCK_LEASE_MS,
    autoVersionsKept: e.AUTO_VERSIONS_KEPT,
    boardLimits: {
      maxRecords: e.BOARD_MAX_RECORDS,
      maxTextChars: e.BOARD_MAX_TEXT_CHARS,
      embedHosts: e.EMBED_ALLOWED_HOSTS,
    },
    boardQuotaBytes: e.BOARD_QUOTA_BYTES,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    boardCreateLimit: e.BOARD_CREATE_LIMIT,
    boardImportLimit: e.BOARD_IMPORT_LIMIT,
    restLimitWindowMs: e.REST_LIMIT_WINDOW_MS,
    newIdentities: { burst: e.NEW_IDENTITY_BURST, perMinute: e.NEW_IDENTITIES_PER_MINUTE },
    sessionEvents: { burst: e.SESSION_EVENT_BURST, perMinute: e.SESSION_EVENTS_PER_MINUTE },
    allowedOrigins: e.ALLOWED_ORIGINS,
    embedAllowedHosts: e.EMBED_ALLOWED_HOSTS,
    // where the built client is; tests that build in parallel point it elsewhere
    clientDir: path.resolve(process.env.LOCKSTEP_CLIENT_DIR ?? 'dist/client'),
    contentDir: path.resolve('content'),
    preparedContentFile: undefined,
  }
}
