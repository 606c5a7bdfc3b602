import './saved-board.css'
import { useEffect } from 'react'

/** How long a notice stays before it fades on its own. */
const NOTICE_MS = 7000

/** A short message at the bottom of the board ("Restored … Ctrl+Z takes it back"); it goes away by itself. */
export function BoardNotice({
  notice,
  onDone,
}: {
  notice: { text: string; n: number } | null
  onDone: () => void
}) {
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(onDone, NOTICE_MS)
    return () => window.clearTimeout(timer)
  }, [notice, onDone])

  if (!notice) return null
  return (
    <div className="board-notice" role="status" data-testid="board-notice">
      <span>{notice.text}</span>
      <button type="button" className="board-notice__close" onClick={onDone} aria-label="Dismiss">
        ×
      </button>
    </div>
  )
}
