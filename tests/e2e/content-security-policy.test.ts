import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { eventually } from '../integration/saved-boards-kit'
import { drawRectangle, useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

/** Records every Content-Security-Policy violation the page reports, as events and as console errors. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (violation: string) => violations.push(violation))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`)
    }
  })
  return violations
}

describe('the client under its Content-Security-Policy, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()
  const foreign: string[][] = []

  it('creates, draws, syncs and exports a thumbnail with zero CSP violations', async () => {
    const ana = await chromium.open(server.url)
    foreign.push(ana.foreignRequests)
    const anaViolations = await recordViolations(ana.page)
    const home = await ana.page.goto(`${server.url}/`)
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self';")
    await ana.page.getByTestId('new-board').click()
    await ana.page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}#k=/)
    await ana.page.getByTestId('share-dialog').waitFor()
    const editorLink = await ana.page.getByTestId('share-link-editor').inputValue()
    await ana.page.keyboard.press('Escape')
    await waitForBoard(ana.page)
    const boardId = new URL(ana.page.url()).pathname.split('/')[2] ?? ''

    const ben = await chromium.open(server.url)
    foreign.push(ben.foreignRequests)
    const benViolations = await recordViolations(ben.page)
    await ben.page.goto(editorLink)
    await waitForBoard(ben.page)

    await drawRectangle(ana.page, { x: 500, y: 350 })
    await waitForShapeCount(ben.page, 1)
    await ana.page.getByTestId('dock-tab-article').click()
    await ana.page.getByTestId('dock-tab-simulation').click()
    // the thumbnail is a tldraw export (SVG with <style> and embedded fonts, drawn to a PNG)
    await eventually(
      async () => (await server.server.store.loadThumbnail(boardId)) !== null,
      'the thumbnail',
      30_000,
    )

    expect(anaViolations.join('\n')).toBe('')
    expect(benViolations.join('\n')).toBe('')
  })

  it('would have seen a violation: an inline script is refused and reported', async () => {
    chromium.expectError(
      /Executing inline script violates/,
      'this test injects an inline script to see it refused',
    )
    const cleo = await chromium.open(server.url)
    const violations = await recordViolations(cleo.page)
    await cleo.page.goto(`${server.url}/`)
    await cleo.page.getByTestId('new-board').waitFor()
    const ran = await cleo.page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.append(script)
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true
    })
    expect(ran).toBe(false)
    await waitUntil(() => violations.length > 0, 'the violation report')
    expect(violations[0]).toContain('script-src')
  })

  it('fetched nothing from outside our own server', () => {
    expect(foreign.flat()).toEqual([])
  })
})
