import type { TLShapeId } from 'tldraw'
import { type Editor, useValue } from 'tldraw'
import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import { designHints } from '../../shared/diagram/hints'
import type { SessionIntent } from '../../shared/session/intents'

/**
 * Design hints on the diagram as it is drawn now; a hint selects the shapes it concerns. The
 * facilitator may hide them from everyone (and still sees the switch to show them again).
 */
export function DesignHints({
  editor,
  hidden,
  canDrive,
  drive,
}: {
  editor: Editor
  hidden: boolean
  canDrive: boolean
  drive: (intent: SessionIntent) => void
}) {
  const hints = useValue('design hints', () => {
    const records = [...editor.getCurrentPageShapes(), ...editor.store.query.records('binding').get()]
    const { snapshot, looseArrows } = snapshotFromRecords(records)
    return snapshot ? designHints({ ...snapshot, looseArrows }) : []
  }, [editor])
  if (hidden && !canDrive) return null
  return (
    <section
      className="sim-section"
      aria-label="Design hints"
      data-testid="design-hints"
      data-hidden={hidden}
    >
      <h3 className="sim-heading">
        Design hints
        {canDrive && (
          <button
            type="button"
            className="button button--small sim-heading__aside"
            data-testid="design-hints-toggle"
            onClick={() => drive({ type: 'drawn:hints', hidden: !hidden })}
          >
            {hidden ? 'Show to everyone' : 'Hide from everyone'}
          </button>
        )}
      </h3>
      {hidden ? (
        <p className="muted">Hidden from everyone.</p>
      ) : hints.length === 0 ? (
        <p className="muted">No hints for this diagram.</p>
      ) : (
        <ul className="design-hints">
          {hints.map((hint) => (
            <li key={`${hint.rule}:${hint.shapeIds.join(',')}`} data-rule={hint.rule}>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  editor.select(...(hint.shapeIds as TLShapeId[]))
                  // and bring them into view if they are off screen (the zoom stays unless they do not fit)
                  editor.zoomToSelectionIfOffscreen(48, { animation: { duration: 300 } })
                }}
              >
                {hint.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
