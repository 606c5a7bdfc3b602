import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressFile } from '../../scripts/precompress'
import { removeDir, startTestServer, type TestServer, tempDataDir } from '../support/test-server'

/** A raw GET (no automatic decoding, unlike fetch): status, headers and the bytes as sent. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      .on('error', reject)
  })
}

describe('client delivery: precompressed assets', () => {
  let server: TestServer
  const clientDir = tempDataDir('lockstep-client')
  const script = `console.log(${JSON.stringify('a board for everyone '.repeat(400))})\n`
  const scriptPath = '/assets/app-Ab12Cd34.js'

  beforeAll(async () => {
    fs.mkdirSync(path.join(clientDir, 'assets'))
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Lockstep</title>')
    fs.writeFileSync(path.join(clientDir, scriptPath), script)
    await precompressFile(path.join(clientDir, scriptPath)) // what the build's plugin does
    server = await startTestServer({ clientDir })
  })
  afterAll(async () => {
    await server?.close()
    if (server) removeDir(server.dataDir)
    removeDir(clientDir)
  })

  it('writes a .br and a .gz next to a built asset, each smaller than the file', () => {
    const size = (suffix: string) => fs.statSync(path.join(clientDir, `${scriptPath}${suffix}`)).size
    expect(size('.br')).toBeLessThan(size(''))
    expect(size('.gz')).toBeLessThan(size(''))
  })

  it('sends brotli to a browser that accepts it, typed as JavaScript and cached for good', async () => {
    const res = await rawGet(`${server.url}${scriptPath}`, { 'accept-encoding': 'gzip, deflate, br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script)
  })

  it('sends gzip when brotli is not accepted', async () => {
    const res = await rawGet(`${server.url}${scriptPath}`, { 'accept-encoding': 'gzip, br;q=0' })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(zlib.gunzipSync(res.body).toString()).toBe(script)
  })

  it('sends the plain file, still cached for good, to a client that accepts no encoding', async () => {
    const res = await rawGet(`${server.url}${scriptPath}`, { 'accept-encoding': 'identity' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['cache-control']).toContain('immutable')
    expect(res.body.toString()).toBe(script)
  })

  it('keeps index.html revalidated on every visit', async () => {
    const res = await rawGet(`${server.url}/`, { 'accept-encoding': 'br' })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.body.toString()).toContain('<title>Lockstep</title>')
  })
})
