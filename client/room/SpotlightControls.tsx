import { spotlightAround } from '../../shared/session/spotlight'
import { useBoardUi } from '../board/board-context'
import { useIntentSender } from '../facilitation/FacilitatorTools'
import { useLiveSession } from '../session/session-context'

/** The facilitator's spotlight: on the selected shapes (or the middle of the view), and off again. */
export function SpotlightControls() {
  const { editor } = useBoardUi()
  const { connection } = useLiveSession()
  const { send, error, busy } = useIntentSender()
  const on = (connection.session?.spotlight ?? null) !== null
  const spotlight = () => {
    if (!editor) return
    const selected = editor.getSelectionPageBounds()
    const view = editor.getViewportPageBounds()
    // nothing selected: the middle third of what this screen shows
    const area = selected
      ? spotlightAround(selected)
      : { x: view.x + view.w / 3, y: view.y + view.h / 3, w: view.w / 3, h: view.h / 3 }
    void send({ type: 'spotlight:set', area })
  }
  return (
    <>
      <div className="view-controls">
        <button
          type="button"
          className="button button--small"
          data-testid="spotlight-set"
          disabled={!editor || busy}
          title="Select shapes first to spotlight them"
          onClick={spotlight}
        >
          {on ? 'Move spotlight here' : 'Spotlight selection'}
        </button>
        {on && (
          <button
            type="button"
            className="button button--small"
            data-testid="spotlight-clear"
            disabled={busy}
            onClick={() => void send({ type: 'spotlight:clear' })}
          >
            Clear spotlight
          </button>
        )}
      </div>
      {error && (
        <p className="session-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
