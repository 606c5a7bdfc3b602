import { startServer } from './app'
import { ensureClientBuild } from './build/ensure-client-build'
import { configFromEnv } from './config'
import { createLogger } from './log'

/** `npm start`: build the client if needed, serve, and flush every board on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = configFromEnv()
  const log = createLogger(config.logLevel)
  await ensureClientBuild(config.clientDir, log)
  const server = await startServer(config)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal} received; saving boards and stopping`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { reason: error instanceof Error ? error.message : String(error) })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
