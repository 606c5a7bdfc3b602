// `npm start`: builds what is missing or stale, then runs the compiled server in this process (so
// SIGTERM reaches it directly and it exits cleanly).
import { ensureBuilt } from './ensure-build.mjs'

await ensureBuilt()
await import('../dist/server/main.js')
