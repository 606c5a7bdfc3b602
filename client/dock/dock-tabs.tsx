import type { ComponentType, ReactNode } from 'react'
import { PeopleIcon, SimulationIcon } from '../icons'
import { useLiveSession } from '../session/session-context'
import { SimulationTab } from '../simulation/SimulationTab'
import { SessionTab } from './SessionTab'

/** One tab of the right dock. Adding a tab (e.g. Article) is one more entry in `DOCK_TABS`. */
export interface DockTab {
  id: string
  label: string
  icon: ReactNode
  Panel: ComponentType
  /** A small mark on the tab while something is going on in it (e.g. a scenario running). */
  Badge?: ComponentType
}

function SimulationBadge() {
  const { simulation } = useLiveSession()
  if (simulation.status === 'idle') return null
  return <span className="dock-tab__badge" title="A scenario is running" />
}

export const DOCK_TABS: readonly DockTab[] = [
  {
    id: 'simulation',
    label: 'Simulation',
    icon: <SimulationIcon />,
    Panel: SimulationTab,
    Badge: SimulationBadge,
  },
  { id: 'session', label: 'Session', icon: <PeopleIcon />, Panel: SessionTab },
]
