// A Lockstep server in its own process, so tests can kill it (SIGKILL) or stop it (SIGTERM).
import { configFromEnv } from '../../server/config'
import { serveUntilSignalled } from '../../server/serve'
import { PREPARED_CONTENT_ENV } from './prepare-content-once'

// content prepared once for the whole test run (prepare-content-once.ts), as a built server reads it
const server = await serveUntilSignalled({
  ...configFromEnv(),
  preparedContentFile: process.env[PREPARED_CONTENT_ENV],
})
process.stdout.write(`LISTENING ${server.url}\n`)
