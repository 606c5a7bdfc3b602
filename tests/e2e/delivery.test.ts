import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
}

/** The JavaScript files a chunk loads: itself and its static imports, from Vite's build manifest. */
function chunkFiles(
  manifest: Record<string, ManifestChunk>,
  key: string,
  into = new Set<string>(),
): Set<string> {
  const chunk = manifest[key]
  if (!chunk || into.has(chunk.file)) return into
  into.add(chunk.file)
  for (const imported of chunk.imports ?? []) chunkFiles(manifest, imported, into)
  return into
}

/** Records the path of every script the page requests from now on. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.slice(1))
  })
  return scripts
}

describe('client delivery in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  // tldraw and the board's own code: what the board page loads beyond the entry
  let boardOnly: string[] = []

  beforeAll(async () => {
    const clientDir = process.env.LOCKSTEP_CLIENT_DIR ?? 'dist/client'
    const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, '.vite/manifest.json'), 'utf8'))
    const entry = Object.keys(manifest).find((key) => manifest[key].isEntry) ?? ''
    const home = chunkFiles(manifest, entry)
    boardOnly = [...chunkFiles(manifest, 'board/BoardPage.tsx')].filter((file) => !home.has(file))
  })

  it('loads tldraw on the board page, where the canvas is', async () => {
    expect(boardOnly.length).toBeGreaterThan(0)
    const { page } = await chromium.open(server.url)
    const scripts = recordScripts(page)
    const board = await createTestBoard(server.url, 'Delivery')
    await page.goto(`${server.url}${board.urls.editor}`)
    await waitForBoard(page)
    expect(scripts).toEqual(expect.arrayContaining(boardOnly))
  })

  it('shows the home page without loading tldraw or the board code', async () => {
    const { page } = await chromium.open(server.url)
    const scripts = recordScripts(page)
    await page.goto(server.url)
    await page.getByTestId('new-board').waitFor()
    await page.waitForLoadState('networkidle')
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter((file) => boardOnly.includes(file))).toEqual([])
  })
})
