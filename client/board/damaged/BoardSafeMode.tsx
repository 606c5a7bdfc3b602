import './damaged-board.css'
import type { BoardDamage } from '../../../shared/boards/drawable-board'
import { useBoardUi } from '../board-context'

/**
 * A damaged board opens without its canvas, so nothing on it can hang the page. The facilitator
 * can bring back a saved version (the canvas then opens here and for everyone on its own) or
 * replace the editor link if the damage came through it; everyone else is told what is happening.
 */
export function BoardSafeMode({ damage }: { damage: BoardDamage }) {
  const { linkRole, openDialog, openShare } = useBoardUi()
  const isFacilitator = linkRole === 'facilitator'
  return (
    <div className="page page--centered">
      <div
        className="card message-card safe-mode"
        role="alert"
        data-testid="safe-mode"
        data-damage={damage.code}
      >
        <h1>This board is open in safe mode</h1>
        <p>
          Its content is damaged, so it opens without the canvas to keep this page responsive.{' '}
          {damage.message}
        </p>
        {isFacilitator ? (
          <>
            <p>
              Restore a saved version to bring the board back for everyone. If someone with the editor link
              did this, replace that link first.
            </p>
            <div className="message-card__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => openDialog('versions')}
                data-testid="safe-mode-versions"
              >
                Versions
              </button>
              <button type="button" className="button" onClick={openShare} data-testid="safe-mode-links">
                Replace the editor link
              </button>
            </div>
          </>
        ) : (
          <p>The facilitator can restore a saved version. The board opens here by itself when they do.</p>
        )}
      </div>
    </div>
  )
}
