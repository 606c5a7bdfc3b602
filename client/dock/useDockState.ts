import { useCallback, useEffect, useState } from 'react'
import { z } from 'zod'

/** Whether the dock is open and on which tab; remembered in this browser for every board. */
export interface DockState {
  open: boolean
  tab: string
}

const STORAGE_KEY = 'lockstep:dock'
/** Below this width the dock covers the canvas when open, so it starts closed. */
export const NARROW_BOARD_PX = 760

const dockStateSchema = z.object({ open: z.boolean(), tab: z.string().max(40) })

function initialState(defaultTab: string): DockState {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    const parsed = raw ? dockStateSchema.safeParse(JSON.parse(raw)) : null
    if (parsed?.success) return parsed.data
  } catch {
    // unreadable storage: the defaults below
  }
  return { open: window.innerWidth >= NARROW_BOARD_PX, tab: defaultTab }
}

/** The dock's open/closed state and tab, with setters that remember them. */
export function useDockState(tabIds: readonly string[]): {
  state: DockState
  show: (tab: string) => void
  close: () => void
} {
  const defaultTab = tabIds[0] ?? ''
  const [state, setState] = useState<DockState>(() => initialState(defaultTab))
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state))
    } catch {
      // the dock still works for this visit
    }
  }, [state])
  const show = useCallback((tab: string) => setState({ open: true, tab }), [])
  const close = useCallback(() => setState((prev) => ({ ...prev, open: false })), [])
  // a tab that no longer exists (an older build remembered it) falls back to the first
  const tab = tabIds.includes(state.tab) ? state.tab : defaultTab
  return { state: { ...state, tab }, show, close }
}
