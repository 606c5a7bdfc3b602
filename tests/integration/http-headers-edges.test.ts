import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expectError } from '../support/rest-client'
import { recordStderr } from '../support/stderr-lines'
import { createTestBoard, removeDir, tempDataDir } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

/** A stand-in for the built client: an index page and one hashed asset. */
function builtClient(): string {
  const dir = tempDataDir('lockstep-client')
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>Lockstep</title><div id="root"></div>',
  )
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("app")')
  return dir
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) parsed.set(name, values)
  }
  return parsed
}

const clientDir = builtClient()
afterAll(() => removeDir(clientDir))

describe('security headers on every answer', () => {
  const app = useTestServer({ clientDir })

  it('sends a Content-Security-Policy that allows no inline or foreign script and no frames', async () => {
    const res = await fetch(`${app.url}/`)
    expect(res.status).toBe(200)
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('script-src-attr')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'", 'data:'])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    // plain-http deployments on a closed network must keep working
    expect(csp.has('upgrade-insecure-requests')).toBe(false)
  })

  it('tells browsers not to sniff types, not to send a Referer, and not to be framed elsewhere', async () => {
    for (const url of [`${app.url}/`, `${app.url}/api/templates`, `${app.url}/assets/index-abc123.js`]) {
      const res = await fetch(url)
      expect(res.status, url).toBe(200)
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer')
      expect(res.headers.get('x-frame-options'), url).toBe('SAMEORIGIN')
      expect(res.headers.get('content-security-policy'), url).toContain("frame-ancestors 'self'")
    }
  })
})

describe('frames from the embed allow-list (EMBED_ALLOWED_HOSTS)', () => {
  const app = useTestServer({ clientDir, embedAllowedHosts: ['www.youtube.com', 'player.vimeo.com'] })

  it('allows frames from exactly the listed hosts, over https', async () => {
    const csp = directives((await fetch(`${app.url}/`)).headers.get('content-security-policy'))
    expect(csp.get('frame-src')).toEqual(['https://www.youtube.com', 'https://player.vimeo.com'])
    expect(csp.get('frame-ancestors')).toEqual(["'self'"])
  })
})

describe('the edges: missing files and malformed ids', () => {
  const app = useTestServer({ clientDir, logLevel: 'warn' })

  it('answers a missing static file with 404 and logs nothing', async () => {
    const stderr = recordStderr()
    try {
      expect((await fetch(`${app.url}/assets/index-abc123.js`)).status).toBe(200)
      for (const missing of ['/assets/missing.js', '/assets/deep/er/missing.css', '/assets/']) {
        const res = await fetch(`${app.url}${missing}`)
        expect(res.status, missing).toBe(404)
      }
      app.server.log.warn('probe after the requests')
      expect(stderr.lines().some((line) => line.includes('probe after the requests'))).toBe(true)
      expect(stderr.lines().filter((line) => !line.includes('probe'))).toEqual([])
    } finally {
      stderr.stop()
    }
  })

  it('still serves the page for every client route, whatever the id looks like', async () => {
    for (const route of ['/', '/b/AAAAAAAAAAAAAAAAAAAAAA', '/b/x/v/y', '/p/AAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await fetch(`${app.url}${route}`)
      expect(res.status, route).toBe(200)
      expect(await res.text(), route).toContain('<div id="root">')
    }
  })

  it('answers a malformed board id with 400 invalid_id naming it, and a well-formed unknown one with 404', async () => {
    const board = await createTestBoard(app.url)
    const token = board.tokens.facilitator
    await expectError(await app.rest.get('/api/boards/BBBBBBBBBBBBBBBBBBBBBB', token), 404, 'board_not_found')
    for (const path of [
      '/api/boards/not-a-board-id',
      '/api/boards/not-a-board-id/versions',
      '/api/boards/x/export',
    ]) {
      const res = await app.rest.get(path, token)
      const body = await res.clone().json()
      await expectError(res, 400, 'invalid_id')
      expect(body.error.message, path).toMatch(/board id/)
    }
    const rename = await app.rest.patch('/api/boards/short', token, { title: 'x' })
    await expectError(rename, 400, 'invalid_id')
  })

  it('names a malformed version id and a malformed publication id', async () => {
    const board = await createTestBoard(app.url)
    const base = `/api/boards/${board.id}/versions`
    const token = board.tokens.facilitator
    await expectError(await app.rest.get(`${base}/AAAAAAAAAAAAAAAAAAAAAA`, token), 404, 'version_not_found')
    const version = await app.rest.get(`${base}/bad-version`, token)
    expect((await version.clone().json()).error.message).toMatch(/version id/)
    await expectError(version, 400, 'invalid_id')
    await expectError(await app.rest.post(`${base}/bad-version/restore`, token), 400, 'invalid_id')

    const token22 = 'AAAAAAAAAAAAAAAAAAAAAA'
    await expectError(await app.rest.get(`/api/published/${token22}`, token22), 404, 'not_found')
    const publication = await app.rest.get('/api/published/..%2F..', token22)
    expect((await publication.clone().json()).error.message).toMatch(/publication id/)
    await expectError(publication, 400, 'invalid_id')
  })

  it('answers an id that is not even valid percent-encoding with 400 and a true message', async () => {
    const res = await app.rest.get('/api/boards/%E0%A4%A', 'AAAAAAAAAAAAAAAAAAAAAA')
    const body = await res.clone().json()
    await expectError(res, 400, 'invalid_id')
    expect(body.error.message).not.toMatch(/body/)
  })
})
