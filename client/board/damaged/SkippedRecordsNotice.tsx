import '../saved-board.css'
import './damaged-board.css'
import { useState } from 'react'
import type { SkippedRecord } from '../../../shared/boards/drawable-records'

/** "2 shapes could not be shown", or "items" when connections, pages or pictures are among them. */
export function skippedText(skipped: readonly SkippedRecord[]): string {
  const n = skipped.length
  const allShapes = skipped.every((record) => record.id.startsWith('shape:'))
  const noun = allShapes ? (n === 1 ? 'shape' : 'shapes') : n === 1 ? 'item' : 'items'
  return `${n} ${noun} could not be shown: damaged, too large, or loading from another site.`
}

/**
 * Says that part of the board is left out of the canvas (shared/boards/drawable-records); stays
 * until dismissed, and comes back when the number changes.
 */
export function SkippedRecordsNotice({ skipped }: { skipped: readonly SkippedRecord[] }) {
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  if (skipped.length === 0 || dismissedAt === skipped.length) return null
  return (
    <div
      className="board-notice skipped-records"
      role="status"
      data-testid="skipped-records"
      data-count={skipped.length}
    >
      <span>{skippedText(skipped)}</span>
      <button
        type="button"
        className="board-notice__close"
        onClick={() => setDismissedAt(skipped.length)}
        aria-label="Dismiss"
      >
        ×
      </button>
    </div>
  )
}
