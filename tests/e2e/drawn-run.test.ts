import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { useChromium, waitForBoard, waitForShapeCount } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { BOXES, CALLS, drawSystem, figures, panel, pauseEverywhere, waitForTick } from './drawn-kit'

describe('simulating the diagram the group drew, in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('runs a drawn system for a facilitator and a viewer: same figures at the same tick, and the cache failure shows on both', async () => {
    const board = await createTestBoard(server.url, 'Design exercise')
    const ana = await chromium.open(server.url)
    const ben = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await Promise.all([waitForBoard(ana.page), waitForBoard(ben.page)])

    await drawSystem(ana.page, {
      boxes: BOXES.map(([id, kind]) => [id, id === 'shape:cache' ? null : kind] as const),
    })
    await waitForShapeCount(ben.page, BOXES.length + CALLS.length) // the drawing reached the server
    for (const { page } of [ana, ben]) await page.getByTestId('dock-tab-simulation').click()
    await ana.page.evaluate(() => {
      window.lockstepEditor?.select('shape:cache' as never)
    })
    await ana.page.getByTestId('drawn-kind-select').selectOption('cache')
    await ana.page.getByTestId('drawn-kind-apply').click()
    expect(await ana.page.getByTestId('drawn-kind-now').textContent()).toBe('1 selected · now cache')
    await ben.page.waitForFunction(
      () => window.lockstepEditor?.getShape('shape:cache' as never)?.meta.componentKind === 'cache',
    )
    expect(await ben.page.getByTestId('drawn-run').count()).toBe(0) // a viewer cannot run it

    await ana.page.getByTestId('drawn-run').click()
    for (const { page } of [ana, ben]) await panel(page).waitFor({ timeout: 10_000 })
    await waitForTick(ana.page, 30)
    const pages = [ana.page, ben.page]
    await pauseEverywhere(ana.page, pages)
    const before = await figures(ana.page)
    expect(await figures(ben.page)).toEqual(before)
    // paused looks paused on the canvas too: the traffic dashes stand still
    for (const page of pages) {
      await page.locator('[data-testid="sim-flow"]').first().waitFor({ state: 'attached' })
      expect(await page.locator('[data-testid="sim-flow"] animate').count()).toBe(0)
    }
    expect(Object.keys(before.metrics)).toEqual([
      'throughput',
      'p50',
      'p95',
      'p99',
      'error-rate',
      'cache-hit-rate',
      'cost-per-hour',
    ])

    // Each box on the canvas is ringed by its health, with its busy share and queue depth beside it.
    for (const page of pages) {
      await page
        .locator('[data-testid="drawn-halo"][data-box="shape:cache"][data-health="healthy"]')
        .waitFor()
      expect(await page.getByTestId('drawn-chips').count()).toBe(BOXES.length)
    }

    // The cache dies: both screens show the same new figures, and the errors it causes.
    await ana.page.getByTestId('drawn-chaos-box').selectOption('shape:cache')
    await ana.page.locator('[data-chaos="kill-box"]').click()
    await ana.page.getByTestId('drawn-toggle').click() // play on
    for (const page of pages)
      await page.locator('[data-testid="drawn-run-panel"][data-paused="false"]').waitFor({ timeout: 10_000 })
    await waitForTick(ana.page, Number(before.tick) + 20)
    await pauseEverywhere(ana.page, pages)
    const after = await figures(ana.page)
    expect(await figures(ben.page)).toEqual(after)
    console.log('[drawn run] before the cache failure', before, 'after', after)
    expect(Number(after.tick)).toBeGreaterThan(Number(before.tick))
    expect(after.metrics['error-rate']).not.toBe(before.metrics['error-rate'])
    expect(after.metrics.p99).not.toBe(before.metrics.p99)
    // every request needs the dead cache: no latency to show, a dash and why, not "0 ms"
    expect(after.metrics['error-rate']).toBe('100%')
    for (const id of ['p50', 'p95', 'p99']) expect(after.metrics[id]).toBe('—')
    expect(await ana.page.locator('[data-metric-id="p99"] .sim-metric__hint').textContent()).toBe(
      'no successful requests',
    )
    for (const page of pages)
      await page.locator('[data-testid="drawn-halo"][data-box="shape:cache"][data-health="failed"]').waitFor()

    // Cutting the cache off from the rest marks the arrows the partition cuts, on both screens.
    await ana.page.locator('[data-chaos="partition"]').click()
    const cutOn = (page: Page) =>
      page.$$eval('[data-cut]', (marks) => marks.map((mark) => mark.getAttribute('data-cut')).sort())
    for (const page of pages) await page.locator('[data-cut]').first().waitFor()
    const cut = await cutOn(ana.page)
    expect(cut.length).toBeGreaterThan(0)
    expect(await cutOn(ben.page)).toEqual(cut)

    // The picked box is deleted before Run again: the chaos menu picks a box the new run holds.
    await ana.page.getByTestId('drawn-chaos-box').selectOption('shape:db')
    await ana.page.evaluate(() => {
      window.lockstepEditor?.deleteShapes(['shape:db' as never])
    })
    await ana.page.getByRole('button', { name: 'Run again' }).click()
    await ana.page
      .getByTestId('drawn-tick')
      .filter({ hasText: `${BOXES.length - 1} boxes` })
      .waitFor({ timeout: 10_000 })
    const target = await ana.page.getByTestId('drawn-chaos-box').inputValue()
    expect(target).not.toBe('shape:db')
    await ana.page.locator('[data-chaos="kill-box"]').click()
    await ana.page.locator(`[data-testid="drawn-halo"][data-box="${target}"][data-health="failed"]`).waitFor()
    expect(await ana.page.getByTestId('sim-notice').count()).toBe(0)

    // Stop keeps what the run ended with on every screen, for the room to talk about
    await ana.page.getByTestId('drawn-stop').click()
    const lastRun = async (page: Page) => {
      await page.getByTestId('drawn-last-run').waitFor({ timeout: 10_000 })
      return page.getByTestId('drawn-last-run').innerText()
    }
    const stopped = await lastRun(ana.page)
    expect(stopped).toContain('p99')
    expect(await lastRun(ben.page)).toBe(stopped)
    expect(ana.foreignRequests.concat(ben.foreignRequests)).toEqual([])
  })
  it("sets a box's and a call's properties beside them: shared, undoable, checked, and used by the next Run", async () => {
    const board = await createTestBoard(server.url, 'Properties')
    const ana = await chromium.open(server.url)
    const ben = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await ben.page.goto(`${server.url}${board.urls.viewer}`)
    await Promise.all([waitForBoard(ana.page), waitForBoard(ben.page)])
    await drawSystem(ana.page)
    await waitForShapeCount(ben.page, BOXES.length + CALLS.length)
    for (const { page } of [ana, ben]) {
      await page.getByTestId('dock-tab-simulation').click()
      await page.evaluate(() => {
        window.lockstepEditor?.select('shape:api' as never)
      })
    }

    // the service's defaults show as placeholders; a typed value is its own setting
    const replicas = ana.page.getByTestId('drawn-prop-replicas')
    expect(await replicas.getAttribute('placeholder')).toBe('2')
    await replicas.fill('5')
    await replicas.press('Enter')
    const metaOf = (page: Page) =>
      page.evaluate(() => window.lockstepEditor?.getShape('shape:api' as never)?.meta.props ?? null)
    await ana.page.waitForFunction(
      () =>
        (window.lockstepEditor?.getShape('shape:api' as never)?.meta.props as { replicas?: number })
          ?.replicas === 5,
    )
    // the viewer sees it, and cannot change it
    const benReplicas = ben.page.getByTestId('drawn-prop-replicas')
    await ben.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="drawn-prop-replicas"]') as HTMLInputElement | null)?.value ===
        '5',
    )
    expect(await benReplicas.isDisabled()).toBe(true)

    // a value the engine would not run is refused with its range, and nothing is stored
    const failure = ana.page.getByTestId('drawn-prop-failureProbability')
    await failure.fill('150')
    await failure.press('Enter')
    const refusal = ana.page.getByTestId('drawn-prop-failureProbability-error')
    expect(await refusal.textContent()).toBe('Failure chance must be from 0 to 100 %.')
    expect(await metaOf(ana.page)).toEqual({ replicas: 5 })
    // the reason sits under its own field, which is marked and points at it
    expect(await failure.getAttribute('aria-invalid')).toBe('true')
    expect(await failure.getAttribute('aria-describedby')).toBe('drawn-prop-failureProbability-error')
    const [fieldBox, refusalBox] = await Promise.all([failure.boundingBox(), refusal.boundingBox()])
    expect((refusalBox?.y ?? 0) - ((fieldBox?.y ?? 0) + (fieldBox?.height ?? 0))).toBeLessThan(20)
    // emptying it again (the stored value: the default) takes the refusal away
    await failure.fill('')
    await failure.press('Enter')
    expect(await refusal.count()).toBe(0)
    expect(await failure.getAttribute('aria-invalid')).toBe('false')

    // a long design hint wraps: choosing it leaves the dock where it was, never scrolled sideways
    const hint = ana.page.locator('[data-rule="single-instance"] button').first()
    await hint.click()
    expect(
      await ana.page.evaluate(() => {
        const dock = document.querySelector('.dock__panel') as HTMLElement
        return { scrolled: dock.scrollLeft, wider: dock.scrollWidth > dock.clientWidth }
      }),
    ).toEqual({ scrolled: 0, wider: false })
    await ana.page.evaluate(() => {
      window.lockstepEditor?.select('shape:api' as never)
    })

    // no timeout at all, then undo puts the timeout back
    await ana.page.getByTestId('drawn-prop-timeoutMs-none').check()
    await ana.page.waitForFunction(
      () =>
        (window.lockstepEditor?.getShape('shape:api' as never)?.meta.props as { timeoutMs?: unknown })
          ?.timeoutMs === null,
    )
    await ana.page.evaluate(() => {
      window.lockstepEditor?.undo()
    })
    await ana.page.waitForFunction(
      () =>
        !(
          'timeoutMs' in ((window.lockstepEditor?.getShape('shape:api' as never)?.meta.props as object) ?? {})
        ),
    )
    expect(await metaOf(ana.page)).toEqual({ replicas: 5 })

    // a call: async, and its mode is what the next Run reads
    await ana.page.evaluate(() => {
      window.lockstepEditor?.select('shape:c2' as never)
    })
    await ana.page.getByTestId('drawn-call-mode').selectOption('async')
    // its share says what the engine does with it for this caller (a balancer picks one arrow)
    expect(await ana.page.getByTestId('drawn-call-share-help').textContent()).toBe(
      'A load balancer sends each request down one arrow, picked by these shares; empty counts as 100.',
    )
    await ana.page.evaluate(() => {
      window.lockstepEditor?.selectNone()
    })

    await ana.page.getByTestId('drawn-run').click()
    await panel(ana.page).waitFor({ timeout: 10_000 })
    const run = (await server.server.sessions.peek(board.id)?.then((room) => room.current.drawnRun)) ?? null
    expect(run?.snapshot.boxes.find((box) => box.id === 'shape:api')?.props).toEqual({ replicas: 5 })
    expect(run?.snapshot.calls.find((call) => call.id === 'shape:c2')?.mode).toBe('async')

    // Run again: every screen's charts compare this run with the one before (run A, dashed)
    await waitForTick(ana.page, 5)
    await ana.page.getByRole('button', { name: 'Run again' }).click()
    for (const page of [ana.page, ben.page]) {
      const compared = page.locator('[data-testid="drawn-chart"][data-compare="run-a"]')
      await compared.first().waitFor({ timeout: 10_000 })
      expect(await compared.first().locator('.u-legend').textContent()).toContain('p99 (ms) · run A')
    }
  })

  it('an arrow left beside a box instead of on it gets a hint that points at it, until its end is tied', async () => {
    const board = await createTestBoard(server.url, 'Loose arrow')
    const ana = await chromium.open(server.url)
    await ana.page.goto(`${server.url}${board.urls.facilitator}`)
    await waitForBoard(ana.page)
    // the first call is drawn by hand: its start dropped on the client, its end just short of the balancer
    await drawSystem(ana.page, { calls: CALLS.slice(1) })
    await ana.page.evaluate(() => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      editor.createShapes([
        { id: 'shape:loose' as never, type: 'arrow', x: 0, y: 0, props: { end: { x: 214, y: 40 } } },
      ])
      editor.createBindings([
        {
          type: 'arrow',
          fromId: 'shape:loose' as never,
          toId: 'shape:users' as never,
          props: {
            terminal: 'start',
            normalizedAnchor: { x: 0.5, y: 0.5 },
            isExact: false,
            isPrecise: false,
          },
        },
      ])
    })
    await ana.page.getByTestId('dock-tab-simulation').click()
    const hint = ana.page.locator('[data-rule="arrow-not-attached"] button')
    await hint.waitFor()
    expect(await hint.textContent()).toMatch(
      /^An arrow from .+ is not attached at its end, so it carries no traffic/,
    )

    // looking elsewhere on the board: pointing at the hint brings its shapes into view
    await ana.page.evaluate(() => {
      const editor = window.lockstepEditor
      editor?.setCamera({ x: -5000, y: -5000, z: 1 })
    })
    await hint.click()
    const selected = () => ana.page.evaluate(() => window.lockstepEditor?.getSelectedShapeIds() ?? [])
    expect(await selected()).toEqual(['shape:loose', 'shape:users', 'shape:lb'])
    await ana.page.waitForFunction(() => {
      const editor = window.lockstepEditor
      const selection = editor?.getSelectionPageBounds()
      return !!editor && !!selection && editor.getViewportPageBounds().contains(selection)
    })

    // dropping the end onto the balancer makes it a call, and the hint goes
    await ana.page.evaluate(() => {
      window.lockstepEditor?.createBindings([
        {
          type: 'arrow',
          fromId: 'shape:loose' as never,
          toId: 'shape:lb' as never,
          props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        },
      ])
    })
    await hint.waitFor({ state: 'detached' })
  })
})
