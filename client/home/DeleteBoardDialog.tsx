import { useState } from 'react'
import { Dialog } from '../board/Dialog'
import { forgetBoard } from '../remembered-boards'
import { deleteBoard } from '../saved-boards-api'

interface DeleteBoardDialogProps {
  boardId: string
  token: string
  title: string
  onClose: () => void
}

/** Asks before deleting a board for everyone (facilitator); on yes the board and its links are gone. */
export function DeleteBoardDialog({ boardId, token, title, onClose }: DeleteBoardDialogProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await deleteBoard(boardId, token)
    // already gone (deleted from another device) is what was asked for
    if (result.ok || result.failure.code === 'board_not_found') {
      forgetBoard(boardId)
      onClose()
      return
    }
    setBusy(false)
    setError(
      result.failure.code === 'network_error'
        ? 'Could not reach the server, so the board was not deleted. Try again in a moment.'
        : `The board was not deleted: ${result.failure.message}`,
    )
  }

  return (
    <Dialog title={`Delete “${title}” for everyone?`} onClose={onClose} testId="delete-board-dialog">
      <p className="dialog__intro">Its links, versions and published links stop working.</p>
      {error && (
        <p className="form-error" role="alert" data-testid="delete-board-error">
          {error}
        </p>
      )}
      <div className="delete-board__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button delete-board__confirm"
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="delete-board-confirm"
        >
          {busy ? 'Deleting…' : 'Delete for everyone'}
        </button>
      </div>
    </Dialog>
  )
}
