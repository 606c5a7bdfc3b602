import { lazy, Suspense } from 'react'
import type { BoardContent } from '../../shared/protocol/board-file'

// tldraw arrives with the drawing, after the page itself is up
const ReadOnlyCanvas = lazy(() =>
  import('./ReadOnlyCanvas').then((module) => ({ default: module.ReadOnlyCanvas })),
)

/** The read-only canvas, loaded on demand so the version and published pages start without tldraw. */
export function LazyReadOnlyCanvas(props: { content: BoardContent; licenseKey: string | null }) {
  return (
    <Suspense fallback={<div className="page page--centered loading">Drawing the board…</div>}>
      <ReadOnlyCanvas {...props} />
    </Suspense>
  )
}
