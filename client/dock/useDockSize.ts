import { useCallback, useEffect, useState } from 'react'
import { type DockSize, loadDockSize, saveDockSize } from './dock-size'
import { NARROW_BOARD_PX } from './useDockState'

const readWindowSize = () => ({ width: window.innerWidth, height: window.innerHeight })

/** The window's size, kept current. The board fills the window. */
function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(readWindowSize)
  useEffect(() => {
    const onResize = () => setSize(readWindowSize())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return size
}

/**
 * The dock's size as this device remembers it, the board's size, and whether the screen is narrow
 * (the dock is then a bottom sheet). `resize` shows a size at once; `commit` also remembers it.
 */
export function useDockSize(): {
  size: DockSize
  board: { width: number; height: number }
  narrow: boolean
  resize: (size: DockSize) => void
  commit: (size: DockSize) => void
} {
  const [size, setSize] = useState<DockSize>(loadDockSize)
  const board = useWindowSize()
  const narrow = board.width < NARROW_BOARD_PX
  const commit = useCallback((next: DockSize) => {
    setSize(next)
    saveDockSize(next)
  }, [])
  return { size, board, narrow, resize: setSize, commit }
}
