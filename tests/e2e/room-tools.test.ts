import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useChromium, waitForBoard } from '../support/browser'
import type { SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string): Promise<void> {
  await page.addInitScript(
    ({ id, name }) =>
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color: '#1971c2' })),
    { id, name },
  )
}

/** The step a session client last saw, once its seq passed `afterSeq`. */
async function stepAfter(client: SessionClient, afterSeq: number): Promise<number | undefined> {
  return (await client.waitForSeq(afterSeq + 1)).sim?.step
}

describe('hands, reactions, spotlight, votes and shortcuts in Chromium', () => {
  const server = useTestServer()
  // fails every test on a console error or uncaught exception in either browser
  const chromium = useChromium()
  let ana: Page
  let ben: Page
  /** A facilitator without a screen, to set the stage the way a run-of-show would. */
  let stage: SessionClient

  beforeAll(async () => {
    const board = await createTestBoard(server.url, 'Room tools')
    if (!board.urls.facilitator || !board.urls.viewer) throw new Error('the board lacks a link')
    ana = (await chromium.open(server.url)).page
    await nameThisBrowser(ana, 'e2e-ana-facilitator', 'Ana')
    await ana.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana)
    ben = (await chromium.open(server.url)).page
    await nameThisBrowser(ben, 'e2e-ben-viewer', 'Ben')
    await ben.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(ben)
    stage = await server.session(board.id, board.tokens.facilitator, 'Stage')
    await ana.getByTestId('dock-tab-session').click()
  }, 120_000)

  it('steps with PageDown / PageUp, but never while someone types, and shows the "?" sheet', async () => {
    expect(await stage.intent({ type: 'sim:load', scenarioId: 'kappa-reprocess' })).toEqual({ ok: true })
    let seq = (await stage.waitForSeq(1)).seq
    // Ana's screen shows the step it acts from
    const anaAtStep = (n: number) =>
      ana.locator(`[data-testid="sim-step-heading"][data-step="${n}"]`).waitFor()
    await ana.getByTestId('dock-tab-simulation').click()
    await anaAtStep(1)
    await ana.mouse.click(400, 400) // the canvas has the keyboard, as in a session
    await ana.keyboard.press('PageDown')
    expect(await stepAfter(stage, seq)).toBe(1)
    await anaAtStep(2)
    seq = stage.latest()?.seq ?? 0
    await ana.keyboard.press('PageUp')
    expect(await stepAfter(stage, seq)).toBe(0)
    await anaAtStep(1)
    seq = stage.latest()?.seq ?? 0
    await ana.getByTestId('dock-tab-session').click()

    // editing a shape's text: the key is the text's, not the session's
    await ana.evaluate(() => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      editor.setCurrentTool('select')
      const id = 'shape:e2e-note' as never
      editor.createShape({ id, type: 'text', x: 100, y: 100, props: {} } as never)
      editor.select(id)
      editor.setEditingShape(id)
    })
    await ana.waitForFunction(() => window.lockstepEditor?.getEditingShapeId() !== null)
    await ana.keyboard.press('PageDown')
    await ana.keyboard.press('Escape')
    await ana.waitForFunction(() => window.lockstepEditor?.getEditingShapeId() === null)
    // typing in a field of the dock
    await ana.getByTestId('timer-minutes').focus()
    await ana.keyboard.press('PageDown')
    // Back on the first step only says so: once it has, both presses above were handled
    await ana.mouse.click(400, 500)
    await ana.keyboard.press('PageUp')
    await ana.locator('[data-testid="board-notice"]', { hasText: 'This is the first step.' }).waitFor()
    expect(await stage.intent({ type: 'timer:start', minutes: 5 })).toEqual({ ok: true })
    await stage.waitForSeq(seq + 1)
    // nothing moved the simulation between: the timer is the only change
    expect(stage.states.filter((s) => s.seq > seq).map((s) => [s.seq, s.sim?.step])).toEqual([[seq + 1, 0]])

    // the timer: P pauses and resumes, M adds a minute
    await ana.getByTestId('timer-pause').waitFor()
    await ana.evaluate(() => {
      window.lockstepEditor?.setEditingShape(null)
      ;(document.activeElement as HTMLElement | null)?.blur()
    })
    await ana.keyboard.press('p')
    await ana.getByTestId('timer-resume').waitFor()
    await ana.keyboard.press('p')
    await ana.getByTestId('timer-pause').waitFor()
    expect(await ana.evaluate(() => window.lockstepEditor?.getCurrentToolId())).toBe('select')

    await ana.keyboard.press('?')
    await ana.getByTestId('shortcut-sheet').waitFor()
    expect(await ana.getByTestId('shortcut-sheet').textContent()).toContain('Page Down')
    await ana.keyboard.press('Escape')
    await ana.getByTestId('shortcut-sheet').waitFor({ state: 'detached' })

    // Shift + PageDown / PageUp walk the workshop's segments
    expect(await stage.intent({ type: 'workshop:start', workshopId: 'kappa-45' })).toEqual({ ok: true })
    await ana.getByTestId('workshop-segment').waitFor()
    await ana.keyboard.press('Shift+PageDown')
    await ana.locator('[data-testid="workshop-segment"]', { hasText: 'Segment 2/' }).waitFor()
    await ana.keyboard.press('Shift+PageUp')
    await ana.locator('[data-testid="workshop-segment"]', { hasText: 'Segment 1/' }).waitFor()
    expect(await stage.intent({ type: 'workshop:end' })).toEqual({ ok: true })
  }, 90_000)

  it('shows "n of m voted" to everyone, hides an anonymous tally, and downloads the summary', async () => {
    await stage.intent({ type: 'checkpoint:open', question: 'Which consumer lags?', options: ['v1', 'v2'] })
    await ben.getByTestId('dock-tab-simulation').click()
    await ben.getByTestId('checkpoint-option-1').click()
    await ben.getByTestId('checkpoint-voted').waitFor()
    // Ana, Ben and the stage are here
    await ana.getByTestId('dock-tab-simulation').click()
    for (const page of [ana, ben]) {
      await page.locator('[data-testid="checkpoint-turnout"]', { hasText: '1 of 3 voted' }).waitFor()
    }
    await ana.getByTestId('checkpoint-live-count-1').waitFor()

    await stage.intent({
      type: 'checkpoint:open',
      question: 'Would you replay?',
      options: ['yes', 'no'],
      anonymous: true,
    })
    await ana.locator('[data-testid="checkpoint-turnout"]', { hasText: 'anonymous' }).waitFor()
    await ben.getByTestId('checkpoint-option-0').click()
    await ana.locator('[data-testid="checkpoint-turnout"]', { hasText: '1 of 3 voted' }).waitFor()
    // the facilitator sees the count, not the tally
    expect(await ana.getByTestId('checkpoint-live-count-0').count()).toBe(0)

    await ana.getByTestId('dock-tab-session').click()
    const [download] = await Promise.all([
      ana.waitForEvent('download'),
      ana.getByTestId('summary-download').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^Room-tools-summary-\d{4}-\d\d-\d\d\.md$/)
    const markdown = readFileSync((await download.path()) ?? '', 'utf8')
    expect(markdown).toContain('# Room tools — session summary')
    expect(markdown).toMatch(/## Who attended \(3\)\n\n- Ana\n- Ben\n- Stage/)
    expect(markdown).toContain('- B. v2: 1 — Ben')
    expect(markdown).toContain('1 vote, anonymous.')
    expect(markdown).toContain('- A. yes: 1\n')
    expect(markdown).toContain('Kappa')
  }, 90_000)

  it('raises a hand the facilitator can lower, and shows reactions on every screen for a moment', async () => {
    await ben.getByTestId('hand-toggle').click()
    await ana.locator('[data-testid="raised-hand"]', { hasText: 'Ben' }).waitFor()
    await ana
      .locator('[data-testid="session-person"]', { hasText: 'Ben' })
      .getByTestId('person-hand')
      .waitFor()
    await ana.getByRole('button', { name: "Lower Ben's hand" }).click()
    await ben.locator('[data-testid="hand-toggle"][aria-pressed="false"]').waitFor()
    await ana.getByTestId('raised-hands').waitFor({ state: 'detached' })

    await ben.getByRole('button', { name: 'Applause' }).click()
    for (const page of [ana, ben]) {
      await page.locator('[data-testid="room-reaction"][data-reaction="clap"]', { hasText: 'Ben' }).waitFor()
    }
    await ana.locator('[data-testid="room-reaction"]').waitFor({ state: 'detached', timeout: 15_000 })
  }, 60_000)

  it('spotlights the selected shapes on every screen until the facilitator clears it', async () => {
    await ana.evaluate(() => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      const id = 'shape:e2e-box' as never
      editor.createShape({ id, type: 'geo', x: 200, y: 150, props: { w: 240, h: 120 } } as never)
      editor.select(id)
    })
    await ana.getByTestId('spotlight-set').click()
    await ben.locator('[data-testid="spotlight"]', { hasText: 'Ana: look here' }).waitFor()
    // the lit area holds the box on Ben's screen
    const lit = await ben.evaluate(() => {
      const ring = document.querySelector('.spotlight__ring')?.getBoundingClientRect()
      const editor = window.lockstepEditor
      const box = editor?.getShapePageBounds('shape:e2e-box' as never)
      if (!ring || !editor || !box) return null
      const a = editor.pageToScreen({ x: box.x, y: box.y })
      const b = editor.pageToScreen({ x: box.maxX, y: box.maxY })
      return { ring: [ring.left, ring.top, ring.right, ring.bottom], box: [a.x, a.y, b.x, b.y] }
    })
    if (!lit) throw new Error('no spotlight ring or box on Ben’s screen')
    expect(lit.ring[0]).toBeLessThan(lit.box[0] ?? 0)
    expect(lit.ring[1]).toBeLessThan(lit.box[1] ?? 0)
    expect(lit.ring[2]).toBeGreaterThan(lit.box[2] ?? 0)
    expect(lit.ring[3]).toBeGreaterThan(lit.box[3] ?? 0)
    await ana.getByTestId('spotlight-clear').click()
    await ben.getByTestId('spotlight').waitFor({ state: 'detached' })
  }, 60_000)
})
