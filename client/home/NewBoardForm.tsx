import { type FormEvent, useState } from 'react'
import { LIMITS } from '../../shared/protocol/rest'
import { startBoard } from './start-board'

/** Title (optional) and "New board": creates the board, remembers it, opens it with the Share dialog. */
export function NewBoardForm() {
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const trimmed = title.trim()
    const failure = await startBoard(trimmed ? { title: trimmed } : {})
    if (failure) {
      setBusy(false)
      setError(failure)
    }
  }

  return (
    <form className="new-board" onSubmit={submit}>
      <label className="new-board__label" htmlFor="new-board-title">
        Title <span className="muted">(optional)</span>
      </label>
      <div className="new-board__row">
        <input
          id="new-board-title"
          className="input"
          value={title}
          maxLength={LIMITS.titleChars}
          placeholder="e.g. Cell-based architecture review"
          onChange={(event) => setTitle(event.target.value)}
          data-testid="new-board-title"
        />
        <button type="submit" className="button button--primary" disabled={busy} data-testid="new-board">
          {busy ? 'Creating…' : 'New board'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="new-board-error">
          {error}
        </p>
      )}
    </form>
  )
}
