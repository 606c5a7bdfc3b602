import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from '../log'

const SOURCE_DIRS = ['client', 'shared']
const SOURCE_FILES = ['vite.config.ts', 'package-lock.json']

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

/**
 * Builds the client when its build is missing or older than its sources, so `npm start` is the only
 * command needed after `npm ci`. A runtime image without sources skips the check.
 */
export async function ensureClientBuild(clientDir: string, log: Logger): Promise<void> {
  if (!fs.existsSync('client')) return
  const builtAt = newestMtime(path.join(clientDir, 'index.html'))
  const sourcesAt = Math.max(...SOURCE_DIRS.map(newestMtime), ...SOURCE_FILES.map(newestMtime))
  if (builtAt > sourcesAt) return
  log.info(builtAt === 0 ? 'Building the client (first start)…' : 'Client sources changed; rebuilding…')
  const { build } = await import('vite')
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' })
}
