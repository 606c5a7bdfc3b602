import { type ChildProcess, spawn } from 'node:child_process'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>
}

/** Starts `tests/support/child-server.ts` on an ephemeral port over `dataDir`, with `env` added (e.g. DATABASE_URL). */
export async function startServerProcess(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  // `node --import tsx` keeps the server in this one process, so a signal reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/child-server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    // a bound, not a speed check: on a loaded 2-core machine a cold start (tsx, ELK layouts) takes 10 s and more
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /LISTENING (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${output}`)))
  })
  return { url, child, exited }
}
