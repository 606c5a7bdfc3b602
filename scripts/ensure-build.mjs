// Builds what is missing or older than its sources, so that after `npm ci` `npm start` is the only
// command needed. Plain JavaScript: it runs before the server is compiled.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Each build: the file it writes last, and what it is made from. */
const BUILDS = {
  server: {
    output: 'dist/server/prepared-content.json',
    sources: ['server', 'shared', 'content', 'package-lock.json', 'scripts/build-server.mjs'],
  },
  client: {
    output: 'dist/client/index.html',
    sources: ['client', 'shared', 'vite.config.ts', 'scripts/precompress.ts', 'package-lock.json'],
  },
}

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

/** 'missing', 'stale' or 'current'. */
function buildState({ output, sources }) {
  const builtAt = newestMtime(path.join(root, output))
  if (builtAt === 0) return 'missing'
  return Math.max(...sources.map((s) => newestMtime(path.join(root, s)))) < builtAt ? 'current' : 'stale'
}

/**
 * Compiles the server and builds the client when missing or stale. A runtime image that ships only
 * the build (no sources) skips the check.
 */
export async function ensureBuilt(log = (line) => console.log(line)) {
  if (!fs.existsSync(path.join(root, 'server'))) return
  const server = buildState(BUILDS.server)
  if (server !== 'current') {
    log(server === 'missing' ? 'Compiling the server (first start)…' : 'Server sources changed; recompiling…')
    const { buildServer } = await import('./build-server.mjs')
    await buildServer()
  }
  const client = buildState(BUILDS.client)
  if (client !== 'current') {
    log(client === 'missing' ? 'Building the client (first start)…' : 'Client sources changed; rebuilding…')
    const { build } = await import('vite')
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      root: path.join(root, 'client'),
      logLevel: 'warn',
    })
  }
}
