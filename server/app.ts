import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import express from 'express'
import type { ClientConfig } from '../shared/protocol/rest'
import type { SessionState } from '../shared/session/session-state'
import { BoardAccess } from './auth/board-access'
import { Identities } from './auth/identities'
import { AutoVersions } from './boards/auto-versions'
import { BoardVersions } from './boards/board-versions'
import { deleteBoard as deleteBoardForEveryone } from './boards/delete-board'
import { connectInstances, type Instances } from './bus/instances'
import { configFromEnv, type ServerConfig } from './config'
import { ArticleLibrary } from './content/article-library'
import { prepareContent, readPreparedContent } from './content/prepared-content'
import { ScenarioLibrary } from './content/scenario-library'
import { TemplateLibrary } from './content/template-library'
import { exportApi, importApi } from './http/board-files-api'
import { boardsApi } from './http/boards-api'
import { clientApp } from './http/client-app'
import { contentApi } from './http/content-api'
import { errorHandler, sendError } from './http/errors'
import { forkApi } from './http/fork-api'
import { linksApi } from './http/links-api'
import { publishedApi } from './http/published-api'
import { perAddressLimit } from './http/rate-limits'
import { refuseForeignOrigins, requireBodyType } from './http/request-guards'
import { scenariosApi } from './http/scenarios-api'
import { securityHeaders } from './http/security-headers'
import { templatesApi } from './http/templates-api'
import { thumbnailsApi } from './http/thumbnails-api'
import { versionsApi } from './http/versions-api'
import { createLogger, type Logger } from './log'
import { BoardPolicies } from './session/board-policies'
import type { SessionRooms } from './session/session-rooms'
import { attachSessionServer } from './session/session-server'
import type { BoardStore } from './storage/board-store'
import { PostgresBoardStore } from './storage/postgres-store'
import { SqliteBoardStore } from './storage/sqlite-store'
import { BoardRooms } from './sync/board-rooms'
import { DEFAULT_COMPACTION_CEILING } from './sync/compaction-schedule'
import { defaultSyncLimits } from './sync/connection-limits'
import { judgeUpdate } from './sync/update-guard'
import { attachYjsEndpoint } from './sync/yjs-endpoint'

export interface RunningServer {
  url: string
  port: number
  store: BoardStore
  rooms: BoardRooms
  sessions: SessionRooms
  log: Logger
  /** What connects this instance to the others (bus, clock leases, socket.io adapter). */
  instances: Instances
  /** Stops accepting, closes sockets, flushes every board to storage and closes the store. */
  close(): Promise<void>
}

/** Opens the configured store: PostgreSQL with DATABASE_URL, else SQLite under DATA_DIR. */
async function openStore(config: ServerConfig): Promise<BoardStore> {
  if (config.databaseUrl)
    return PostgresBoardStore.open(config.databaseUrl, { schema: config.databaseSchema })
  return SqliteBoardStore.open(path.join(config.dataDir, 'lockstep.db'), {
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
  })
}

/** Builds and starts the whole server on one HTTP port: REST, static client, Yjs endpoint, socket.io. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...configFromEnv(), ...overrides }
  const log = createLogger(config.logLevel)
  const prepared = config.preparedContentFile
    ? readPreparedContent(config.preparedContentFile)
    : await prepareContent(config.contentDir)
  const templates = TemplateLibrary.of(prepared.templates)
  const scenarios = ScenarioLibrary.of(prepared.scenarios)
  const articles = ArticleLibrary.of(prepared.articles)
  const store = await openStore(config)
  const access = new BoardAccess(store)
  const identities = await Identities.fromStore(store)
  const policies = new BoardPolicies(store)
  // other instances serving the same boards: through Redis, or none (the single-process default)
  const instances = await connectInstances(config.redisUrl, { clockLeaseMs: config.clockLeaseMs, log })
  const { bus } = instances
  // A change of who may edit (here or on another instance) makes every editor re-offer what was
  // dropped while they could not.
  const enforcePolicy = (boardId: string, state: SessionState): boolean => {
    const changed = policies.update(boardId, state)
    if (changed) void rooms.peek(boardId).then((room) => room?.resync())
    return changed
  }
  const rooms = new BoardRooms({
    store,
    bus,
    log,
    idleUnloadMs: config.idleUnloadMs,
    compaction: {
      everyUpdates: config.compactEveryUpdates,
      quietMs: config.compactQuietMs,
      ceilingFactor: DEFAULT_COMPACTION_CEILING,
    },
    limits: config.syncLimits ?? defaultSyncLimits(config.maxMessageBytes),
    quotaBytes: config.boardQuotaBytes,
    mayEdit: (boardId, connection) => policies.mayEdit(boardId, connection.role, connection.identityId),
    onStored: (boardId) => autoVersions.changed(boardId),
    checkUpdate: (doc, update) => judgeUpdate(doc, update, config.boardLimits),
    onRemoteSession: (boardId, state) => enforcePolicy(boardId, state),
  })
  const versions = new BoardVersions(store, rooms)
  const autoVersions = new AutoVersions({
    versions,
    log,
    everyMs: config.autoVersionEveryMs,
    sessionEndGraceMs: config.sessionEndGraceMs,
    kept: config.autoVersionsKept,
    anyoneThere: async (boardId) => (await session.io.in(boardId).fetchSockets()).length > 0,
  })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(securityHeaders(config.embedAllowedHosts))
  // The sockets come first: the REST routes close them (link rotation, deletion) and announce to them.
  const server = http.createServer(app)
  const yjs = attachYjsEndpoint(server, {
    access,
    identities,
    rooms,
    log,
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins: config.allowedOrigins,
    keepaliveMs: config.yjsKeepaliveMs,
    // With other instances, a board not held here may have changed policy there unheard: read it again.
    beforeJoin: (boardId) =>
      instances.adapter && !rooms.isLoaded(boardId) ? policies.reload(boardId) : policies.ensure(boardId),
  })
  const session = attachSessionServer(server, {
    access,
    identities,
    store,
    rooms,
    newIdentities: config.newIdentities,
    sessionEvents: config.sessionEvents,
    log,
    bus,
    clock: instances.clock,
    adapter: instances.adapter,
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins: config.allowedOrigins,
    scenarioOf: (id) => scenarios.get(id),
    workshopSegments: (id) => articles.workshop(id)?.segments.length,
    onPolicy: (boardId, state) => enforcePolicy(boardId, state),
    roleOf: (boardId, linkRole, identityId) => policies.roleOf(boardId, linkRole, identityId),
    onSessionJoin: (boardId) => autoVersions.someoneJoined(boardId),
    onSessionEnd: (boardId, why) =>
      why === 'everyone-left' ? autoVersions.everyoneLeft(boardId) : void autoVersions.sessionEnded(boardId),
  })
  const deleteBoard = (boardId: string) =>
    deleteBoardForEveryone({ store, rooms, live: session, autoVersions, policies }, boardId)

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.use('/api', refuseForeignOrigins(config.allowedOrigins))
  // Making boards costs storage: each network address gets a budget (creating and forking share one).
  const windowMs = config.restLimitWindowMs
  const creating = perAddressLimit({ limit: config.boardCreateLimit, windowMs, what: 'new boards' })
  app.post(['/api/boards', '/api/boards/:id/fork', '/api/published/:pid/fork'], creating)
  // Routes whose bodies are not small JSON come before the JSON gate, each checking its own type.
  app.use('/api/boards', thumbnailsApi(store, access))
  app.use(
    '/api/boards/import',
    perAddressLimit({ limit: config.boardImportLimit, windowMs, what: 'imported boards' }),
    importApi(store, {
      limits: config.boardLimits,
      hasTemplate: (id) => templates.has(id),
      scenarioOf: (id) => scenarios.get(id),
      articleSections: (id) => articles.article(id)?.sections.map((section) => section.id),
      workshopSegments: (id) => articles.workshop(id)?.segments.length,
    }),
  )
  app.use('/api', requireBodyType('application/json'), express.json({ limit: '256kb' }))
  app.get('/api/config', (_req, res) => {
    const clientConfig: ClientConfig = {
      tldrawLicenseKey: config.tldrawLicenseKey ?? null,
      boardLimits: config.boardLimits,
    }
    res.json(clientConfig)
  })
  app.use('/api/boards', boardsApi({ store, access, templates, live: session, deleteBoard }))
  app.use('/api/boards', versionsApi(store, access, versions))
  app.use('/api/boards', forkApi(store, access, versions))
  app.use('/api/boards', exportApi(access, { store, versions, liveState: (id) => session.liveState(id) }))
  app.use('/api/boards', linksApi(store, access, rooms, session))
  app.use('/api/published', publishedApi(store, versions))
  app.use('/api/templates', templatesApi(templates))
  app.use('/api/scenarios', scenariosApi(scenarios))
  app.use('/api', contentApi(articles))
  app.use('/api', (_req, res) => sendError(res, 'not_found', 'No such API route.'))
  app.use(clientApp(config.clientDir))
  app.use(errorHandler(log))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host && config.host !== '0.0.0.0' ? config.host : 'localhost'}:${port}`
  log.info('Lockstep is listening', { url, data: config.dataDir })

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      autoVersions.stop() // everyone is disconnected now, but their sessions have not ended
      yjs.close()
      await session.close() // also closes the HTTP server
      server.closeAllConnections()
      await autoVersions.idle()
      await rooms.unloadAll()
      await instances.close()
      await store.close()
      log.info('Lockstep stopped; every board is flushed')
    })()
    return closing
  }
  return { url, port, store, rooms, sessions: session.sessions, log, instances, close }
}
