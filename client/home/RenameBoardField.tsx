import { type FormEvent, useState } from 'react'
import { LIMITS } from '../../shared/protocol/rest'
import { retitleRememberedBoard } from '../remembered-boards'
import { renameBoard } from '../saved-boards-api'

interface RenameBoardFieldProps {
  boardId: string
  token: string
  title: string
  onRenamed: (title: string) => void
  onDone: () => void
}

/** The board's title as an editable field (facilitator): Enter saves for everyone, Escape cancels. */
export function RenameBoardField({ boardId, token, title, onRenamed, onDone }: RenameBoardFieldProps) {
  const [draft, setDraft] = useState(title)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    const next = draft.trim()
    if (!next) {
      setError('A board needs a title.')
      return
    }
    if (next === title) {
      onDone()
      return
    }
    setBusy(true)
    setError(null)
    const result = await renameBoard(boardId, token, next)
    setBusy(false)
    if (!result.ok) {
      setError(
        result.failure.code === 'network_error'
          ? 'Could not reach the server, so the title is unchanged. Try again in a moment.'
          : `The title is unchanged: ${result.failure.message}`,
      )
      return
    }
    retitleRememberedBoard(boardId, result.value.title)
    onRenamed(result.value.title)
    onDone()
  }

  return (
    <form className="board-rename" onSubmit={save} data-testid="rename-board-form">
      <div className="board-rename__row">
        <input
          className="input board-rename__input"
          value={draft}
          maxLength={LIMITS.titleChars}
          aria-label="Board title"
          // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this title
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDone()
          }}
          data-testid="rename-board-input"
        />
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="rename-board-error">
          {error}
        </p>
      )}
    </form>
  )
}
