import { useState } from 'react'
import { forgetBoard } from '../remembered-boards'
import { deleteBoard } from '../saved-boards-api'
import { ConfirmActions } from './ConfirmActions'
import { Dialog } from './Dialog'

interface DeleteBoardDialogProps {
  boardId: string
  token: string
  title: string
  onClose: () => void
  /** After the board is gone and forgotten in this browser (the board page goes home). */
  onDeleted?: () => void
}

/** Facilitators: delete a board for everyone, after saying plainly what that means. */
export function DeleteBoardDialog({ boardId, token, title, onClose, onDeleted }: DeleteBoardDialogProps) {
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
      onDeleted?.()
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
      <p className="dialog__intro">
        People on it now are disconnected, and its links, versions and published links stop working. This
        cannot be undone.
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="delete-board-error">
          {error}
        </p>
      )}
      <ConfirmActions
        label="Delete for everyone"
        busyLabel="Deleting…"
        tone="danger"
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void confirm()}
        testId="delete-board-confirm"
      />
    </Dialog>
  )
}
