import { z } from 'zod'

/** The side dock's width in CSS pixels: never so narrow the tabs crowd, never so wide the canvas vanishes. */
export const DOCK_WIDTH = { min: 280, default: 372, max: 720 } as const
/** The closed dock's rail of tab buttons. */
export const RAIL_WIDTH_PX = 44
/** The canvas keeps at least this much room beside a side dock. */
const MIN_CANVAS_PX = 320
/** The bottom sheet's height as a share of the board's height (narrow screens). */
export const SHEET_SHARE = { min: 0.25, default: 0.5, max: 0.85 } as const
/** How far one arrow key moves the dock's edge; with Shift, four times as far. */
export const KEY_STEP_PX = 16

/** The dock's size as this device remembers it: a width beside the canvas, a height as a sheet. */
export interface DockSize {
  width: number
  sheetShare: number
}

export const DEFAULT_DOCK_SIZE: DockSize = { width: DOCK_WIDTH.default, sheetShare: SHEET_SHARE.default }

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** The widest the side dock may be in a board this wide. */
export function maxDockWidth(boardWidth: number): number {
  return clamp(boardWidth - MIN_CANVAS_PX, DOCK_WIDTH.min, DOCK_WIDTH.max)
}

/** A side dock width that fits the limits and this board. */
export function clampDockWidth(width: number, boardWidth: number): number {
  return Math.round(clamp(width, DOCK_WIDTH.min, maxDockWidth(boardWidth)))
}

/** A bottom sheet share within its limits. */
export function clampSheetShare(share: number): number {
  return clamp(share, SHEET_SHARE.min, SHEET_SHARE.max)
}

/**
 * The size a key on the resize handle asks for, or null for a key it ignores. The side dock sits at
 * the right, so ← widens it; the sheet sits at the bottom, so ↑ makes it taller.
 */
export function sizeAfterKey(
  size: DockSize,
  key: string,
  shift: boolean,
  board: { width: number; height: number },
  asSheet: boolean,
): DockSize | null {
  const step = KEY_STEP_PX * (shift ? 4 : 1)
  if (asSheet) {
    const share = (px: number) => clampSheetShare(size.sheetShare + px / Math.max(1, board.height))
    if (key === 'ArrowUp') return { ...size, sheetShare: share(step) }
    if (key === 'ArrowDown') return { ...size, sheetShare: share(-step) }
    if (key === 'Home') return { ...size, sheetShare: SHEET_SHARE.min }
    if (key === 'End') return { ...size, sheetShare: SHEET_SHARE.max }
    return null
  }
  if (key === 'ArrowLeft') return { ...size, width: clampDockWidth(size.width + step, board.width) }
  if (key === 'ArrowRight') return { ...size, width: clampDockWidth(size.width - step, board.width) }
  if (key === 'Home') return { ...size, width: DOCK_WIDTH.min }
  if (key === 'End') return { ...size, width: maxDockWidth(board.width) }
  return null
}

const STORAGE_KEY = 'lockstep:dock-size'
const dockSizeSchema = z.object({
  width: z.number().finite().min(DOCK_WIDTH.min).max(DOCK_WIDTH.max),
  sheetShare: z.number().finite().min(SHEET_SHARE.min).max(SHEET_SHARE.max),
})

/** The size this device remembered, or the default. */
export function loadDockSize(): DockSize {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    const parsed = raw ? dockSizeSchema.safeParse(JSON.parse(raw)) : null
    if (parsed?.success) return parsed.data
  } catch {
    // unreadable storage: the default below
  }
  return DEFAULT_DOCK_SIZE
}

/** Remembers the size on this device, for every board. */
export function saveDockSize(size: DockSize): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(size))
  } catch {
    // the size still holds for this visit
  }
}
