import './saved-board.css'
import { useState } from 'react'
import { forgetBoard } from '../remembered-boards'
import { navigate } from '../router'
import { deleteBoard } from '../saved-boards-api'
import { useBoardUi } from './board-context'
import { Dialog } from './Dialog'

/** Facilitators: delete the board for everyone, after saying plainly what that means. */
export function DeleteBoardDialog({ onClose }: { onClose: () => void }) {
  const { boardId, token, title } = useBoardUi()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const remove = async () => {
    setBusy(true)
    setError(null)
    const result = await deleteBoard(boardId, token)
    if (!result.ok) {
      setBusy(false)
      setError(`The board was not deleted: ${result.failure.message}`)
      return
    }
    forgetBoard(boardId)
    navigate('/')
  }

  return (
    <Dialog title={`Delete “${title}”?`} onClose={onClose} testId="delete-board-dialog">
      <p className="dialog__intro">
        It is gone for everyone: people on it now are disconnected and its links stop working. This cannot be
        undone.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Keep it
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={remove}
          disabled={busy}
          data-testid="delete-board-confirm"
        >
          {busy ? 'Deleting…' : 'Delete for everyone'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}
