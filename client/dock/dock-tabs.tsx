import { type ComponentType, lazy, type ReactNode } from 'react'
import { ArticleIcon, PeopleIcon, SimulationIcon } from '../icons'
import { useLiveSession } from '../session/session-context'

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

/** An open question marks the Session tab, where it is asked and answered, so nobody misses it. */
function QuestionBadge() {
  const { connection } = useLiveSession()
  if (connection.session?.checkpoint?.status !== 'open') return null
  return (
    <span className="dock-tab__badge" title="A question is open for votes" data-testid="checkpoint-badge" />
  )
}

// the article reader brings a markdown renderer: loaded when the tab is first shown
const ArticleTab = lazy(() =>
  import('../article/ArticleTab').then((module) => ({ default: module.ArticleTab })),
)

const SimulationTab = lazy(() =>
  import('../simulation/SimulationTab').then((module) => ({ default: module.SimulationTab })),
)

const SessionTab = lazy(() => import('./SessionTab').then((module) => ({ default: module.SessionTab })))

export const DOCK_TABS: readonly DockTab[] = [
  { id: 'article', label: 'Article', icon: <ArticleIcon />, Panel: ArticleTab },
  {
    id: 'simulation',
    label: 'Simulation',
    icon: <SimulationIcon />,
    Panel: SimulationTab,
    Badge: SimulationBadge,
  },
  { id: 'session', label: 'Session', icon: <PeopleIcon />, Panel: SessionTab, Badge: QuestionBadge },
]
