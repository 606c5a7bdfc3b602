import { lazy, Suspense } from 'react'
import { assertNever } from '../shared/protocol/roles'
import { HomePage } from './home/HomePage'
import { NotFoundPage } from './NotFoundPage'
import { routeFromPath, useLocation } from './router'
import { PublishedPage } from './versions/PublishedPage'
import { VersionPage } from './versions/VersionPage'

// tldraw is most of the client's code: only the board page loads it, on arrival
const BoardPage = lazy(() => import('./board/BoardPage').then((module) => ({ default: module.BoardPage })))

/** Picks the page for the current path. */
export function App() {
  const { pathname, hash } = useLocation()
  const route = routeFromPath(pathname)
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'board':
      return (
        <Suspense fallback={<div className="page page--centered loading">Opening the board…</div>}>
          {/* keyed so that moving to another board starts from a clean connection */}
          <BoardPage key={route.boardId} boardId={route.boardId} fragment={hash} />
        </Suspense>
      )
    case 'version':
      return (
        <VersionPage
          key={`${route.boardId}/${route.versionId}`}
          boardId={route.boardId}
          versionId={route.versionId}
          fragment={hash}
        />
      )
    case 'published':
      return <PublishedPage key={route.publicationId} publicationId={route.publicationId} fragment={hash} />
    case 'not-found':
      return <NotFoundPage />
    default:
      return assertNever(route)
  }
}
