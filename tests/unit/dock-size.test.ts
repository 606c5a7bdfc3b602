import { describe, expect, it } from 'vitest'
import {
  clampDockWidth,
  DEFAULT_DOCK_SIZE,
  DOCK_WIDTH,
  KEY_STEP_PX,
  maxDockWidth,
  SHEET_SHARE,
  sizeAfterKey,
} from '../../client/dock/dock-size'

const LAPTOP = { width: 1280, height: 720 }
const PHONE = { width: 390, height: 844 }

describe('the dock size', () => {
  it('keeps the side dock between its limits and leaves the canvas room', () => {
    expect(clampDockWidth(100, LAPTOP.width)).toBe(DOCK_WIDTH.min)
    expect(clampDockWidth(5000, LAPTOP.width)).toBe(DOCK_WIDTH.max)
    expect(maxDockWidth(900)).toBe(580)
    expect(clampDockWidth(700, 900)).toBe(580)
  })

  it('widens with ← and narrows with → beside the canvas, four steps at a time with Shift', () => {
    const wider = sizeAfterKey(DEFAULT_DOCK_SIZE, 'ArrowLeft', false, LAPTOP, false)
    expect(wider?.width).toBe(DEFAULT_DOCK_SIZE.width + KEY_STEP_PX)
    const narrower = sizeAfterKey(DEFAULT_DOCK_SIZE, 'ArrowRight', true, LAPTOP, false)
    expect(narrower?.width).toBe(DEFAULT_DOCK_SIZE.width - 4 * KEY_STEP_PX)
    expect(sizeAfterKey(DEFAULT_DOCK_SIZE, 'Home', false, LAPTOP, false)?.width).toBe(DOCK_WIDTH.min)
    expect(sizeAfterKey(DEFAULT_DOCK_SIZE, 'End', false, LAPTOP, false)?.width).toBe(DOCK_WIDTH.max)
    expect(sizeAfterKey(DEFAULT_DOCK_SIZE, 'ArrowUp', false, LAPTOP, false)).toBeNull()
  })

  it('grows the bottom sheet with ↑ and stops at its limits', () => {
    const taller = sizeAfterKey(DEFAULT_DOCK_SIZE, 'ArrowUp', false, PHONE, true)
    expect(taller?.sheetShare).toBeCloseTo(DEFAULT_DOCK_SIZE.sheetShare + KEY_STEP_PX / PHONE.height)
    expect(taller?.width).toBe(DEFAULT_DOCK_SIZE.width)
    const lowest = { ...DEFAULT_DOCK_SIZE, sheetShare: SHEET_SHARE.min }
    expect(sizeAfterKey(lowest, 'ArrowDown', true, PHONE, true)?.sheetShare).toBe(SHEET_SHARE.min)
    expect(sizeAfterKey(DEFAULT_DOCK_SIZE, 'End', false, PHONE, true)?.sheetShare).toBe(SHEET_SHARE.max)
    expect(sizeAfterKey(DEFAULT_DOCK_SIZE, 'ArrowLeft', false, PHONE, true)).toBeNull()
  })
})
