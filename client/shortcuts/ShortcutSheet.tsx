import { useCallback, useState } from 'react'
import { Dialog } from '../board/Dialog'
import { SHORTCUTS } from './shortcut-keys'
import { useShortcut } from './shortcuts'

/** The "?" sheet: the session's keyboard shortcuts, opened with "?" or its button. */
export function ShortcutSheet({ facilitator }: { facilitator: boolean }) {
  const [open, setOpen] = useState(false)
  const close = useCallback(() => setOpen(false), [])
  useShortcut('help', () => setOpen(true))
  return (
    <>
      <button
        type="button"
        className="room-bar__button room-bar__help"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        data-testid="shortcuts-open"
        onClick={() => setOpen(true)}
      >
        ?
      </button>
      {open && (
        <Dialog title="Keyboard shortcuts" onClose={close} testId="shortcut-sheet">
          <p className="muted shortcut-sheet__intro">
            {facilitator
              ? 'A presentation clicker works too. Shortcuts wait while you type.'
              : 'Only facilitators drive the session; these are their keys.'}
          </p>
          <table className="shortcut-sheet__table">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.action}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
    </>
  )
}
