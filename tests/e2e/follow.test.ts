import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { type ChromiumFixture, useChromium, waitForBoard } from '../support/browser'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'

const TEMPLATE = 'cell-based'
const ANA = 'Ana Facilitator'
/**
 * Page units. tldraw's follower chases the leader's view and then locks onto it, copying it
 * exactly (both canvases are the same size here); this close means it has caught up, not passing by.
 */
const CAUGHT_UP = 0.5

/** A viewport in page coordinates, as `editor.getViewportPageBounds()` gives it. */
interface PageArea {
  x: number
  y: number
  w: number
  h: number
}

/** Gives this browser a known name before the page loads (the name editor writes the same key). */
async function nameThisBrowser(page: Page, id: string, name: string, color: string): Promise<void> {
  await page.addInitScript(
    ({ id, name, color }) => {
      window.localStorage.setItem('lockstep:user', JSON.stringify({ id, name, color }))
    },
    { id, name, color },
  )
}

/** Opens a board link as a named person, with the Session tab showing. */
async function join(
  chromium: ChromiumFixture,
  server: { url: string },
  link: string,
  id: string,
  name: string,
) {
  const person = await chromium.open(server.url)
  await nameThisBrowser(person.page, id, name, '#1971c2')
  await person.page.goto(`${server.url}${link}`)
  await waitForBoard(person.page)
  await person.page.getByTestId('dock-tab-session').click()
  await person.page.getByTestId('session-people').waitFor()
  return person
}

/** What this page's canvas shows, in page coordinates. */
function viewportOf(page: Page): Promise<PageArea> {
  return page.evaluate(() => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const { x, y, w, h } = editor.getViewportPageBounds()
    return { x, y, w, h }
  })
}

/** The user record id this tab's presence carries (`user:` + its tldraw user id): what followers follow. */
function presenceIdOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    return `user:${editor.user.getId()}`
  })
}

/** Whom this page's camera is following right now, by presence id. */
function followingOf(page: Page): Promise<string | null> {
  return page.evaluate(() => window.lockstepEditor?.getInstanceState().followingUserId ?? null)
}

/** Whether two viewports show the same area, within 1% of their width (or 2 page units). */
function sameArea(a: PageArea, b: PageArea): boolean {
  const tolerance = Math.max(2, a.w * 0.01)
  return (
    Math.abs(a.x - b.x) <= tolerance &&
    Math.abs(a.y - b.y) <= tolerance &&
    Math.abs(a.w - b.w) <= tolerance &&
    Math.abs(a.h - b.h) <= tolerance
  )
}

/**
 * Waits until the page's viewport shows the given area, within `tolerance` page units (by default
 * 1% of its width: another person's canvas may differ from ours by a pixel).
 */
async function waitForViewport(
  page: Page,
  area: PageArea,
  tolerance = Math.max(2, area.w * 0.01),
  timeout = 10_000,
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ area, tolerance }) => {
        const editor = window.lockstepEditor
        if (!editor) return false
        const b = editor.getViewportPageBounds()
        return (
          Math.abs(b.x - area.x) <= tolerance &&
          Math.abs(b.y - area.y) <= tolerance &&
          Math.abs(b.w - area.w) <= tolerance &&
          Math.abs(b.h - area.h) <= tolerance
        )
      },
      { area, tolerance },
      { timeout },
    )
  } catch (error) {
    const shown = await viewportOf(page)
    throw new Error(`viewport ${JSON.stringify(shown)} never reached ${JSON.stringify(area)}`, {
      cause: error,
    })
  }
}

/**
 * Waits until `page` has received the leader's presence with the camera the leader has now, then
 * a few more animation frames: long enough for a follower's camera to have started chasing it.
 */
async function waitForPresenceOf(page: Page, leader: Page): Promise<void> {
  const leaderId = await presenceIdOf(leader)
  const camera = await leader.evaluate(() => {
    const editor = window.lockstepEditor
    if (!editor) throw new Error('no editor')
    const { x, y, z } = editor.getCamera()
    return { x, y, z }
  })
  await page.waitForFunction(
    ({ leaderId, camera }) => {
      const seen = window.lockstepEditor?.getCollaborators().find((c) => c.userId === leaderId)?.camera
      return (
        seen != null &&
        Math.abs(seen.x - camera.x) < 0.01 &&
        Math.abs(seen.y - camera.y) < 0.01 &&
        Math.abs(seen.z - camera.z) < 0.0001
      )
    },
    { leaderId, camera },
    { timeout: 10_000 },
  )
  await page.evaluate(async () => {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
  })
}

/**
 * Waits until `area` (page units) lies on this page's screen inside the part of the canvas the dock
 * does not cover, filling at least `fill` of that part's width or height (so it was fitted there,
 * not merely somewhere small). The dock is measured, beside the canvas or over it as a sheet.
 */
async function waitForSummoned(page: Page, area: PageArea, fill = 0.6): Promise<void> {
  const placement = () =>
    page.evaluate((area) => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      const canvas = editor.getContainer().getBoundingClientRect()
      const free = { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom }
      const dock = document.querySelector('[data-testid="dock"]')?.getBoundingClientRect()
      if (dock && dock.left < canvas.right && dock.top < canvas.bottom) {
        // a sheet along the bottom, or a panel along the right
        if (dock.left <= canvas.left + 1) free.bottom = Math.min(free.bottom, dock.top)
        else free.right = Math.min(free.right, dock.left)
      }
      const a = editor.pageToScreen({ x: area.x, y: area.y })
      const b = editor.pageToScreen({ x: area.x + area.w, y: area.y + area.h })
      const shown = { left: a.x, top: a.y, right: b.x, bottom: b.y }
      return { free, shown, camera: editor.getCameraState() }
    }, area)
  const fits = ({ free, shown, camera }: Awaited<ReturnType<typeof placement>>) =>
    camera === 'idle' &&
    shown.left >= free.left - 1 &&
    shown.top >= free.top - 1 &&
    shown.right <= free.right + 1 &&
    shown.bottom <= free.bottom + 1 &&
    ((shown.right - shown.left) / (free.right - free.left) >= fill ||
      (shown.bottom - shown.top) / (free.bottom - free.top) >= fill)
  const deadline = Date.now() + 10_000
  let last = await placement()
  while (!fits(last)) {
    if (Date.now() > deadline)
      throw new Error(`the summoned area is not in the uncovered canvas: ${JSON.stringify(last)}`)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    last = await placement()
  }
}

/** Pans and zooms the way a person does: the wheel over the canvas, then Ctrl + wheel. */
async function panAndZoom(page: Page, pan: { dx: number; dy: number }, zoomWheel: number): Promise<void> {
  await page.mouse.move(300, 400)
  await page.mouse.wheel(pan.dx, pan.dy)
  await page.keyboard.down('Control')
  await page.mouse.wheel(0, zoomWheel)
  await page.keyboard.up('Control')
}

/** Waits until a person's viewport has settled after a move (two equal readings a frame apart). */
async function settledViewport(page: Page): Promise<PageArea> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const editor = window.lockstepEditor
        if (!editor) return resolve(false)
        const before = editor.getViewportPageBounds()
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const after = editor.getViewportPageBounds()
            resolve(editor.getCameraState() === 'idle' && before.equals(after))
          }),
        )
      }),
    undefined,
    { timeout: 10_000 },
  )
  return viewportOf(page)
}

describe('following and summoning in Chromium', () => {
  const server = useTestServer()
  const chromium = useChromium()

  it('moves a viewer’s camera with the facilitator’s after “Everyone follow me”, until he stops', async () => {
    const board = await createTestBoard(server.url, 'Follow me', TEMPLATE)
    if (!board.urls.facilitator || !board.urls.viewer)
      throw new Error('the board has no facilitator or viewer link')
    const ana = await join(chromium, server, board.urls.facilitator, 'e2e-ana-facilitator', ANA)
    const ben = await join(chromium, server, board.urls.viewer, 'e2e-ben-viewer', 'Ben Viewer')
    await ana.page.locator('[data-testid="session-person"]', { hasText: 'Ben Viewer' }).waitFor()
    const anaPresence = await presenceIdOf(ana.page)

    // Ana looks somewhere of her own before asking everyone to follow.
    await panAndZoom(ana.page, { dx: 500, dy: 300 }, -200)
    const start = await settledViewport(ana.page)
    expect(sameArea(start, await viewportOf(ben.page))).toBe(false)

    await ana.page.getByTestId('follow-me').click()
    await ana.page.getByTestId('follow-me-stop').waitFor()
    await ana.page.getByText('Everyone is following your view.').waitFor()

    // Ben is told whom he follows, and his camera goes to Ana's view.
    const banner = ben.page.getByTestId('follow-banner')
    await banner.waitFor({ timeout: 10_000 })
    expect(await banner.textContent()).toContain(`Following ${ANA}`)
    expect(await followingOf(ben.page)).toBe(anaPresence)
    const followAna = ben.page
      .locator('[data-testid="session-person"]', { hasText: ANA })
      .getByTestId('follow-person')
    expect(await followAna.getAttribute('aria-pressed')).toBe('true')
    await waitForViewport(ben.page, start, CAUGHT_UP)

    // Ana pans and zooms: Ben's camera comes along.
    await panAndZoom(ana.page, { dx: -900, dy: 600 }, 300)
    const moved = await settledViewport(ana.page)
    expect(sameArea(moved, start)).toBe(false)
    await waitForViewport(ben.page, moved, CAUGHT_UP)

    // Ben stops following: the banner goes, and Ana's next move leaves his camera where it is.
    await banner.getByRole('button', { name: 'Stop' }).click()
    await banner.waitFor({ state: 'detached' })
    expect(await followingOf(ben.page)).toBeNull()
    expect(await followAna.getAttribute('aria-pressed')).toBe('false')
    const benStopped = await settledViewport(ben.page)
    await panAndZoom(ana.page, { dx: 700, dy: -500 }, -150)
    const away = await settledViewport(ana.page)
    expect(sameArea(away, benStopped)).toBe(false)
    await waitForPresenceOf(ben.page, ana.page)
    expect(sameArea(await viewportOf(ben.page), benStopped)).toBe(true)

    // Ana asks again: Ben follows again; when Ana stops everyone following, he stays put.
    await ana.page.getByTestId('follow-me-stop').click()
    await ana.page.getByTestId('follow-me').click()
    await banner.waitFor({ timeout: 10_000 })
    await waitForViewport(ben.page, away, CAUGHT_UP)
    await ana.page.getByTestId('follow-me-stop').click()
    await ana.page.getByTestId('follow-me').waitFor()
    await banner.waitFor({ state: 'detached', timeout: 10_000 })
    expect(await followingOf(ben.page)).toBeNull()
    const benLeft = await settledViewport(ben.page)
    await panAndZoom(ana.page, { dx: -600, dy: -400 }, 200)
    expect(sameArea(await settledViewport(ana.page), benLeft)).toBe(false)
    await waitForPresenceOf(ben.page, ana.page)
    expect(sameArea(await viewportOf(ben.page), benLeft)).toBe(true)
  })

  it('brings a viewer and an editor to the facilitator’s view, and offers an editor no such control', async () => {
    const board = await createTestBoard(server.url, 'Bring everyone', TEMPLATE)
    if (!board.urls.facilitator || !board.urls.viewer || !board.urls.editor)
      throw new Error('the board is missing a link')
    const ana = await join(chromium, server, board.urls.facilitator, 'e2e-ana-facilitator', ANA)
    const ben = await join(chromium, server, board.urls.viewer, 'e2e-ben-viewer', 'Ben Viewer')
    const cleo = await join(chromium, server, board.urls.editor, 'e2e-cleo-editor', 'Cleo Editor')
    await ana.page.locator('[data-testid="session-person"]', { hasText: 'Cleo Editor' }).waitFor()

    // Ana goes elsewhere and brings everyone there.
    await panAndZoom(ana.page, { dx: 1200, dy: 800 }, -250)
    const there = await settledViewport(ana.page)
    expect(sameArea(there, await viewportOf(ben.page))).toBe(false)
    expect(sameArea(there, await viewportOf(cleo.page))).toBe(false)
    await ana.page.getByTestId('bring-everyone').click()
    await ana.page.getByText('Everyone’s view moved to yours.').waitFor()
    await waitForSummoned(ben.page, there)
    await waitForSummoned(cleo.page, there)
    // a summon moves the camera once; nobody is left following
    expect(await followingOf(ben.page)).toBeNull()

    // The editor, live in the session, has neither "Bring everyone here" nor "Everyone follow me".
    await cleo.page.locator('[data-testid="session-person"]', { hasText: ANA }).waitFor()
    expect(await cleo.page.getByTestId('facilitator-tools').count()).toBe(0)
    expect(await cleo.page.getByRole('button', { name: 'Bring everyone here' }).count()).toBe(0)
    expect(await cleo.page.getByRole('button', { name: 'Everyone follow me' }).count()).toBe(0)

    // Ben wanders off; the same summon again brings him back.
    await panAndZoom(ben.page, { dx: -800, dy: -800 }, 200)
    expect(sameArea(await settledViewport(ben.page), there)).toBe(false)
    await ana.page.getByTestId('bring-everyone').click()
    await waitForSummoned(ben.page, there)
  })

  it('brings a phone with its dock open to the facilitator’s view above the dock, not under it', async () => {
    const board = await createTestBoard(server.url, 'Bring a phone', TEMPLATE)
    if (!board.urls.facilitator || !board.urls.viewer) throw new Error('the board is missing a link')
    const ana = await join(chromium, server, board.urls.facilitator, 'e2e-ana-facilitator', ANA)
    const phone = await chromium.open(server.url, { viewport: { width: 390, height: 844 } })
    await nameThisBrowser(phone.page, 'e2e-pia-phone', 'Pia Phone', '#2f9e44')
    await phone.page.goto(`${server.url}${board.urls.viewer}`)
    await waitForBoard(phone.page)
    await phone.page.getByTestId('dock-tab-session').click()
    await phone.page.getByTestId('session-people').waitFor()
    // the dock is open as a sheet over the bottom of the phone's canvas
    const dock = await phone.page.getByTestId('dock').boundingBox()
    expect(dock && dock.y > 844 / 3).toBe(true)
    await ana.page.locator('[data-testid="session-person"]', { hasText: 'Pia Phone' }).waitFor()

    await panAndZoom(ana.page, { dx: 900, dy: 500 }, -200)
    const there = await settledViewport(ana.page)
    await ana.page.getByTestId('bring-everyone').click()
    await ana.page.getByText('Everyone’s view moved to yours.').waitFor()
    await waitForSummoned(phone.page, there)
  })

  it('makes someone who joins, or reloads, while everyone follows follow the facilitator too', async () => {
    const board = await createTestBoard(server.url, 'Late joiner', TEMPLATE)
    if (!board.urls.facilitator || !board.urls.viewer)
      throw new Error('the board has no facilitator or viewer link')
    const ana = await join(chromium, server, board.urls.facilitator, 'e2e-ana-late', ANA)
    await panAndZoom(ana.page, { dx: 400, dy: 250 }, -180)
    const view = await settledViewport(ana.page)
    await ana.page.getByTestId('follow-me').click()
    await ana.page.getByText('Everyone is following your view.').waitFor()

    // Dee arrives after "Everyone follow me": she learns of it before Ana's camera reaches her tab.
    const dee = await join(chromium, server, board.urls.viewer, 'e2e-dee-late', 'Dee Latecomer')
    const banner = dee.page.getByTestId('follow-banner')
    await banner.waitFor({ timeout: 10_000 })
    expect(await followingOf(dee.page)).toBe(await presenceIdOf(ana.page))
    await waitForViewport(dee.page, view, CAUGHT_UP)

    // A reload is a fresh arrival too.
    await dee.page.reload()
    await waitForBoard(dee.page)
    await banner.waitFor({ timeout: 10_000 })
    await panAndZoom(ana.page, { dx: -600, dy: 300 }, 200)
    await waitForViewport(dee.page, await settledViewport(ana.page), CAUGHT_UP)
  })
})
