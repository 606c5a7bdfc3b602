import { type KeyboardEvent, type PointerEvent, useRef } from 'react'
import {
  clampDockWidth,
  clampSheetShare,
  DOCK_WIDTH,
  type DockSize,
  maxDockWidth,
  SHEET_SHARE,
  sizeAfterKey,
} from './dock-size'

export interface DockResizerProps {
  size: DockSize
  board: { width: number; height: number }
  /** The dock is a bottom sheet: the handle is on its top edge and moves up and down. */
  asSheet: boolean
  resize: (size: DockSize) => void
  commit: (size: DockSize) => void
}

/**
 * The dock's edge, to drag or to move with the arrow keys (Home and End for the smallest and largest).
 * A separator in ARIA terms, so screen readers announce its position.
 */
export function DockResizer({ size, board, asSheet, resize, commit }: DockResizerProps) {
  const dragging = useRef<DockSize | null>(null)

  const sizeAt = (event: PointerEvent<HTMLDivElement>): DockSize =>
    asSheet
      ? { ...size, sheetShare: clampSheetShare((board.height - event.clientY) / Math.max(1, board.height)) }
      : { ...size, width: clampDockWidth(board.width - event.clientX, board.width) }

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    dragging.current = size
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return
    dragging.current = sizeAt(event)
    resize(dragging.current)
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return
    commit(sizeAt(event))
    dragging.current = null
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = sizeAfterKey(size, event.key, event.shiftKey, board, asSheet)
    if (!next) return
    event.preventDefault()
    event.stopPropagation() // not a canvas shortcut
    commit(next)
  }

  const value = asSheet
    ? { now: Math.round(size.sheetShare * 100), min: SHEET_SHARE.min * 100, max: SHEET_SHARE.max * 100 }
    : { now: clampDockWidth(size.width, board.width), min: DOCK_WIDTH.min, max: maxDockWidth(board.width) }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a resize handle; <hr> cannot take focus
    <div
      className={`dock-resizer dock-resizer--${asSheet ? 'sheet' : 'side'}`}
      role="separator"
      tabIndex={0}
      aria-orientation={asSheet ? 'horizontal' : 'vertical'}
      aria-label={asSheet ? 'Panel height' : 'Panel width'}
      aria-valuenow={value.now}
      aria-valuemin={value.min}
      aria-valuemax={value.max}
      aria-valuetext={asSheet ? `${value.now}% of the screen` : `${value.now} pixels`}
      title="Drag, or use the arrow keys, to resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      data-testid="dock-resizer"
    >
      <span className="dock-resizer__grip" aria-hidden="true" />
    </div>
  )
}
