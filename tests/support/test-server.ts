import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type RunningServer, startServer } from '../../server/app'
import type { ServerConfig } from '../../server/config'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { PREPARED_CONTENT_ENV } from './prepare-content-once'

/** A fresh temporary data directory, removed by the caller with `removeDir`. */
export function tempDataDir(label = 'lockstep-test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`))
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}

export type TestServer = RunningServer & { dataDir: string }

/** A real Lockstep server on an ephemeral port with its own data directory. */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDataDir()
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    dataDir,
    preparedContentFile: process.env[PREPARED_CONTENT_ENV],
    ...overrides,
  })
  return { ...server, dataDir }
}

/** Creates a board over the real REST API, optionally started from a template. */
export async function createTestBoard(
  baseUrl: string,
  title = 'Test board',
  templateId?: string,
): Promise<CreateBoardResponse> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(templateId ? { title, templateId } : { title }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as CreateBoardResponse
}

export function wsBase(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/yjs`
}
