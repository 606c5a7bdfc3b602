import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import { waitUntil } from './wait'

/** HAProxy with deploy/haproxy.cfg in front of Lockstep instances, as deploy/compose.yaml runs it. */
export interface Balancer {
  port: number
  url: string
  /** HAProxy's name for each backend given, in order (what `X-Lockstep-Instance` answers with). */
  names: string[]
  /** What HAProxy has written so far (health-check changes such as "lockstep2 is DOWN"). */
  output(): string
  close(): Promise<void>
}

const CONFIG = 'deploy/haproxy.cfg'
/** The servers deploy/haproxy.cfg names, one per `LOCKSTEP_<n>` variable. */
const SLOTS = ['lockstep1', 'lockstep2', 'lockstep3'] as const

/** Runs `haproxy -f deploy/haproxy.cfg -db` (foreground, a child of this process) in front of `backends`. */
export async function startBalancer(backends: { host: string; port: number }[]): Promise<Balancer> {
  if (backends.length < 1 || backends.length > SLOTS.length) {
    throw new Error(`${CONFIG} balances 1 to ${SLOTS.length} instances, not ${backends.length}`)
  }
  const binary = haproxyBinary()
  const port = await freePort()
  // slots without an instance point where nothing listens; HAProxy marks them down (awaited below)
  const nowhere = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, LOCKSTEP_BIND: `127.0.0.1:${port}` }
  SLOTS.forEach((_, i) => {
    const backend = backends[i]
    env[`LOCKSTEP_${i + 1}`] = backend ? `${backend.host}:${backend.port}` : `127.0.0.1:${nowhere}`
  })
  const child = spawn(binary, ['-f', CONFIG, '-db'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let gone = false
  void exited.then(() => (gone = true))

  const url = `http://127.0.0.1:${port}`
  const close = async () => {
    if (!gone) child.kill('SIGTERM')
    await exited
  }
  try {
    await answers(
      url,
      () => gone,
      () => output,
    )
    const unused = SLOTS.slice(backends.length)
    await waitUntil(
      () => gone || unused.every((name) => output.includes(`lockstep/${name} is DOWN`)),
      `HAProxy to mark the unused slots ${unused.join(', ')} down`,
      30_000,
    )
    if (gone) throw new Error(`HAProxy exited: ${output}`)
  } catch (error) {
    await close()
    throw error
  }
  return { port, url, names: SLOTS.slice(0, backends.length), output: () => output, close }
}

function haproxyBinary(): string {
  const candidates = [
    process.env.HAPROXY_PATH,
    ...(process.env.PATH ?? '').split(':').map((dir) => `${dir}/haproxy`),
  ]
  const found = [...candidates, '/usr/sbin/haproxy'].find((file) => file && fs.existsSync(file))
  if (!found) {
    throw new Error(
      'HAProxy is not installed, and the multi-instance tests run Lockstep behind it: ' +
        'apt-get install haproxy (Debian; .ci/run does this), or set HAPROXY_PATH.',
    )
  }
  return found
}

/** Resolves once GET /healthz through the balancer answers 200; fails if HAProxy exits first. */
async function answers(url: string, gone: () => boolean, output: () => string): Promise<void> {
  let ok = false
  const deadline = Date.now() + 30_000
  while (!ok) {
    if (gone()) throw new Error(`HAProxy exited: ${output()}`)
    if (Date.now() > deadline) throw new Error(`HAProxy did not answer on ${url}: ${output()}`)
    ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    )
    if (!ok) await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A port nothing listens on right now (the OS picks it; released before HAProxy binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
