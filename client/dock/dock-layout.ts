import type { CSSProperties } from 'react'
import { atom, useValue } from 'tldraw'

/**
 * How much of the board the dock takes right now, in CSS pixels. The one place to read it from:
 * the board layout exposes the same figures as `--dock-width` and `--dock-height`.
 */
export interface DockLayout {
  /** Width at the board's right edge: the open side dock, or the rail of tab buttons; 0 for a sheet. */
  width: number
  /** Height at the board's bottom edge: the open bottom sheet on a narrow screen; else 0. */
  height: number
  /** True on narrow screens, where the dock floats over the canvas instead of sitting beside it. */
  overCanvas: boolean
}

const $dockLayout = atom<DockLayout>('lockstep dock layout', { width: 0, height: 0, overCanvas: false })

/** The dock's current layout, outside React (e.g. to fit the camera to what is left of the canvas). */
export function getDockLayout(): DockLayout {
  return $dockLayout.get()
}

/** The dock's current layout, re-rendering when it changes. */
export function useDockLayout(): DockLayout {
  return useValue('dock layout', () => $dockLayout.get(), [])
}

/** Called by the dock alone, whenever it opens, closes, is resized or changes shape. */
export function publishDockLayout(layout: DockLayout): void {
  const now = $dockLayout.get()
  if (now.width !== layout.width || now.height !== layout.height || now.overCanvas !== layout.overCanvas)
    $dockLayout.set(layout)
}

/** The CSS variables the board layout carries, read by the dock's own styles and by anyone else's. */
export function dockLayoutStyle(layout: DockLayout): CSSProperties {
  return { '--dock-width': `${layout.width}px`, '--dock-height': `${layout.height}px` } as CSSProperties
}
