// A Lockstep server in its own process, so tests can kill it (SIGKILL) or stop it (SIGTERM).
import { configFromEnv } from '../../server/config'
import { serveUntilSignalled } from '../../server/serve'

const server = await serveUntilSignalled(configFromEnv())
process.stdout.write(`LISTENING ${server.url}\n`)
