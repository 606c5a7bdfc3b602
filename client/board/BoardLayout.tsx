import type { ReactNode } from 'react'
import { dockLayoutStyle, useDockLayout } from '../dock/dock-layout'

/**
 * The board's layout: canvas and dock side by side, carrying the dock's size as `--dock-width` and
 * `--dock-height`. Its own component, so a drag of the dock's edge re-renders this and not the canvas.
 */
export function BoardLayout({ children }: { children: ReactNode }) {
  const dock = useDockLayout()
  return (
    <div className="board" style={dockLayoutStyle(dock)} data-dock-over-canvas={dock.overCanvas || undefined}>
      {children}
    </div>
  )
}
