import type { Page } from 'playwright-core'
import type { ComponentPropsPatch } from '../../shared/diagram/components'
import type { GraphSnapshotInput } from '../../shared/diagram/graph-snapshot'

/** What the drawn-run e2e tests share: drawing a system through the editor, and reading the run's figures. */

/** The system the group draws: each box with its component kind, each arrow a call. */
export const BOXES = [
  ['shape:users', 'client'],
  ['shape:lb', 'load-balancer'],
  ['shape:api', 'service'],
  ['shape:cache', 'cache'],
  ['shape:db', 'database'],
] as const
export const CALLS = [
  ['shape:c1', 'shape:users', 'shape:lb'],
  ['shape:c2', 'shape:lb', 'shape:api'],
  ['shape:c3', 'shape:api', 'shape:cache'],
  ['shape:c4', 'shape:cache', 'shape:db'],
] as const

/** Which boxes and calls to draw (a box with kind null starts plain), and own properties per box. */
export interface SystemParts {
  boxes?: readonly (readonly [string, string | null])[]
  calls?: readonly (readonly [string, string, string])[]
  props?: Record<string, ComponentPropsPatch>
  /** Where the first box goes (x), so two people's parts sit side by side. */
  at?: number
  /** Where given boxes go (page space) instead of in one row. */
  places?: Record<string, { x: number; y: number }>
  /** An arrow's own call settings (`callMode`, `share`), as the call panel stores them. */
  callMeta?: Record<string, Record<string, string | number>>
}

/** Draws the system through the page's editor: boxes, arrows, and the bindings that make them calls. */
export async function drawSystem(
  page: Page,
  { boxes = BOXES, calls = CALLS, props = {}, at = 0, places = {}, callMeta = {} }: SystemParts = {},
): Promise<void> {
  await page.evaluate(
    ({ boxes, calls, props, at, places, callMeta }) => {
      const editor = window.lockstepEditor
      if (!editor) throw new Error('no editor')
      editor.createShapes(
        boxes.map(([id, componentKind], i) => ({
          id: id as never,
          type: 'geo',
          x: places[id]?.x ?? at + i * 220,
          y: places[id]?.y ?? 0,
          props: { w: 140, h: 80 },
          // a box listed with no kind starts as a plain rectangle (a test converts it)
          meta: componentKind ? { componentKind, ...(props[id] ? { props: props[id] } : {}) } : {},
        })),
      )
      for (const [id, from, to] of calls) {
        editor.createShapes([{ id: id as never, type: 'arrow', x: 0, y: 0, meta: callMeta[id] ?? {} }])
        editor.createBindings(
          (['start', 'end'] as const).map((terminal) => ({
            type: 'arrow',
            fromId: id as never,
            toId: (terminal === 'start' ? from : to) as never,
            props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
          })),
        )
      }
    },
    { boxes, calls, props, at, places, callMeta },
  )
}

/** Rows per column when a diagram is laid out by layers (a tall layer wraps into more columns). */
const LAYER_ROWS = 20

/**
 * A graph snapshot as parts to draw: its boxes as `shape:` ids laid out left to right by kind in the
 * order kinds first appear (each kind a layer), its calls with their modes and shares.
 */
export function systemOf(snapshot: GraphSnapshotInput): SystemParts {
  const shapeId = (id: string) => `shape:${id}`
  const layers = new Map<string, string[]>()
  for (const box of snapshot.boxes) layers.set(box.kind, [...(layers.get(box.kind) ?? []), box.id])
  const places: Record<string, { x: number; y: number }> = {}
  let column = 0
  for (const ids of layers.values()) {
    ids.forEach((id, i) => {
      places[shapeId(id)] = { x: (column + Math.floor(i / LAYER_ROWS)) * 220, y: (i % LAYER_ROWS) * 130 }
    })
    column += Math.ceil(ids.length / LAYER_ROWS)
  }
  const props: Record<string, ComponentPropsPatch> = {}
  for (const box of snapshot.boxes) if (box.props) props[shapeId(box.id)] = box.props
  const callMeta: Record<string, Record<string, string | number>> = {}
  for (const call of snapshot.calls ?? [])
    callMeta[shapeId(call.id)] = {
      ...(call.mode ? { callMode: call.mode } : {}),
      ...(typeof call.share === 'number' ? { share: call.share } : {}),
    }
  return {
    boxes: snapshot.boxes.map((box) => [shapeId(box.id), box.kind] as const),
    calls: (snapshot.calls ?? []).map(
      (call) => [shapeId(call.id), shapeId(call.from), shapeId(call.to)] as const,
    ),
    props,
    places,
    callMeta,
  }
}

export const panel = (page: Page) => page.getByTestId('drawn-run-panel')

/** The headline figures as the page shows them, with the tick they belong to. */
export async function figures(page: Page): Promise<{ tick: string | null; metrics: Record<string, string> }> {
  return page.evaluate(() => {
    const section = document.querySelector('[data-testid="drawn-metrics"]')
    const metrics: Record<string, string> = {}
    for (const item of section?.querySelectorAll('[data-metric-id]') ?? [])
      metrics[item.getAttribute('data-metric-id') ?? ''] = item.querySelector('dd')?.textContent ?? ''
    return { tick: section?.getAttribute('data-tick') ?? null, metrics }
  })
}

/** Pauses the run (facilitator) and waits until every page stands paused at one and the same tick. */
export async function pauseEverywhere(driver: Page, pages: Page[]): Promise<string> {
  await driver.getByTestId('drawn-toggle').click()
  for (const page of pages)
    await page.locator('[data-testid="drawn-run-panel"][data-paused="true"]').waitFor({ timeout: 10_000 })
  const tick = await panel(driver).getAttribute('data-tick')
  for (const page of pages)
    await page.waitForFunction(
      (tick) => document.querySelector('[data-testid="drawn-metrics"]')?.getAttribute('data-tick') === tick,
      tick,
      { timeout: 10_000 },
    )
  return tick ?? ''
}

/** Waits until a page's run has passed `tick`. */
export async function waitForTick(page: Page, tick: number): Promise<void> {
  await page.waitForFunction(
    (tick) =>
      Number(document.querySelector('[data-testid="drawn-run-panel"]')?.getAttribute('data-tick')) > tick,
    tick,
    { timeout: 20_000 },
  )
}
