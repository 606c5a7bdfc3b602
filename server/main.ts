import { ensureClientBuild } from './build/ensure-client-build'
import { configFromEnv } from './config'
import { createLogger } from './log'
import { serveUntilSignalled } from './serve'

/** `npm start`: build the client if it is missing or stale, then serve until signalled. */
async function main(): Promise<void> {
  const config = configFromEnv()
  await ensureClientBuild(config.clientDir, createLogger(config.logLevel))
  await serveUntilSignalled(config)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
