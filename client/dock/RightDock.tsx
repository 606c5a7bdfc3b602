import { Suspense } from 'react'
import './dock.css'
import { useEffect, useLayoutEffect } from 'react'
import { ChevronDownIcon, ChevronRightIcon } from '../icons'
import { DockResizer } from './DockResizer'
import { type DockLayout, publishDockLayout } from './dock-layout'
import { clampDockWidth, RAIL_WIDTH_PX } from './dock-size'
import { DOCK_TABS } from './dock-tabs'
import { useDockSize } from './useDockSize'
import { useDockState } from './useDockState'

const TAB_IDS = DOCK_TABS.map((tab) => tab.id)

/**
 * The board's right dock: tabs (Simulation, Session, …) beside the canvas, as wide as the person
 * drags it. Closed, it shrinks to a rail of tab buttons so the canvas gets the room back; on a
 * narrow screen it opens as a sheet over the bottom of the canvas.
 */
export function RightDock() {
  const { state, show, close } = useDockState(TAB_IDS)
  const { size, board, narrow, resize, commit } = useDockSize()
  const active = DOCK_TABS.find((tab) => tab.id === state.tab) ?? DOCK_TABS[0]
  const open = state.open && active !== undefined

  const layout: DockLayout = !open
    ? { width: RAIL_WIDTH_PX, height: 0, overCanvas: narrow }
    : narrow
      ? { width: 0, height: Math.round(size.sheetShare * board.height), overCanvas: true }
      : { width: clampDockWidth(size.width, board.width), height: 0, overCanvas: false }
  const { width, height, overCanvas } = layout
  useLayoutEffect(() => publishDockLayout({ width, height, overCanvas }), [width, height, overCanvas])
  // off the board page, nothing is docked
  useEffect(() => () => publishDockLayout({ width: 0, height: 0, overCanvas: false }), [])

  if (!open || !active) {
    return (
      <nav className="dock-rail" aria-label="Board panels" data-testid="dock-rail">
        {DOCK_TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            className="dock-rail__button"
            title={tab.label}
            aria-label={`Open ${tab.label}`}
            onClick={() => show(tab.id)}
            data-testid={`dock-tab-${tab.id}`}
          >
            {tab.icon}
            {tab.Badge && <tab.Badge />}
          </button>
        ))}
      </nav>
    )
  }

  const { Panel } = active
  return (
    <aside
      className={`dock dock--${narrow ? 'sheet' : 'side'}`}
      aria-label="Board panels"
      data-testid="dock"
      data-tab={active.id}
    >
      <DockResizer size={size} board={board} asSheet={narrow} resize={resize} commit={commit} />
      <div className="dock__head">
        {/* only tabs inside the tablist (ARIA); the collapse button sits beside it */}
        <div className="dock__tabs" role="tablist" aria-label="Panels">
          {DOCK_TABS.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`dock-tab-${tab.id}`}
              aria-selected={tab.id === active.id}
              aria-controls="dock-panel"
              className="dock-tab"
              title={tab.label}
              onClick={() => show(tab.id)}
              data-testid={`dock-tab-${tab.id}`}
            >
              {tab.icon}
              <span className="dock-tab__label">{tab.label}</span>
              {tab.Badge && <tab.Badge />}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="dock__collapse"
          onClick={close}
          title="Hide the panel"
          aria-label="Hide the panel"
          data-testid="dock-collapse"
        >
          {narrow ? <ChevronDownIcon /> : <ChevronRightIcon />}
        </button>
      </div>
      <div className="dock__panel" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${active.id}`}>
        <Suspense fallback={<p className="loading">Opening…</p>}>
          <Panel />
        </Suspense>
      </div>
    </aside>
  )
}
