import { type RunningServer, startServer } from './app'
import type { ServerConfig } from './config'
import { reasonOf } from './log'

/** Starts the server and stops it cleanly on SIGTERM/SIGINT: sockets closed, every board flushed. */
export async function serveUntilSignalled(config: ServerConfig): Promise<RunningServer> {
  const server = await startServer(config)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    server.log.info(`${signal} received; saving boards and stopping`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error('shutdown failed', {
          reason: reasonOf(error),
        })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  return server
}
