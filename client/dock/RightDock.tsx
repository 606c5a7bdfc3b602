import { Suspense } from 'react'
import './dock.css'
import { ChevronRightIcon } from '../icons'
import { DOCK_TABS } from './dock-tabs'
import { useDockState } from './useDockState'

const TAB_IDS = DOCK_TABS.map((tab) => tab.id)

/**
 * The board's right dock: tabs (Simulation, Session, …) beside the canvas. Closed, it shrinks to a
 * rail of tab buttons so the canvas gets the room back; on a narrow screen it opens over the canvas.
 */
export function RightDock() {
  const { state, show, close } = useDockState(TAB_IDS)
  const active = DOCK_TABS.find((tab) => tab.id === state.tab) ?? DOCK_TABS[0]

  if (!state.open || !active) {
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
    <aside className="dock" aria-label="Board panels" data-testid="dock" data-tab={active.id}>
      <div className="dock__tabs">
        {/* only tabs inside the tablist (ARIA); the collapse button sits beside it */}
        <div className="layout-contents" role="tablist" aria-label="Board panels">
          {DOCK_TABS.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`dock-tab-${tab.id}`}
              aria-selected={tab.id === active.id}
              aria-controls="dock-panel"
              className="dock-tab"
              onClick={() => show(tab.id)}
              data-testid={`dock-tab-${tab.id}`}
            >
              {tab.icon}
              {tab.label}
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
          <ChevronRightIcon />
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
