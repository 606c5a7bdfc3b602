import { assertNever } from '../shared/protocol/roles'
import { BoardPage } from './board/BoardPage'
import { HomePage } from './home/HomePage'
import { NotFoundPage } from './NotFoundPage'
import { routeFromPath, useLocation } from './router'

/** Picks the page for the current path. */
export function App() {
  const { pathname, hash } = useLocation()
  const route = routeFromPath(pathname)
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'board':
      // keyed so that moving to another board starts from a clean connection
      return <BoardPage key={route.boardId} boardId={route.boardId} fragment={hash} />
    case 'version':
    case 'published':
    case 'not-found':
      return <NotFoundPage />
    default:
      return assertNever(route)
  }
}
