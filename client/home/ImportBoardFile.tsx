import './home-boards.css'
import { type ChangeEvent, useRef, useState } from 'react'
import { CONTENT_LIMITS } from '../../shared/protocol/board-file'
import { importBoard } from './import-board'

/** "Open a board file": a Lockstep board file (.json) becomes a new board where you are facilitator. */
export function ImportBoardFile() {
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0]
    // the same file chosen again after a refusal must fire another change
    event.currentTarget.value = ''
    if (!file || busy) return
    setBusy(true)
    setError(null)
    const failure = await importBoard(file)
    if (failure) {
      setBusy(false)
      setError(failure)
    }
  }

  return (
    <div className="import-board">
      <p className="import-board__intro muted">
        Exported a board from Lockstep? Open its file here to continue on a new board, up to{' '}
        {CONTENT_LIMITS.fileBytes / (1024 * 1024)} MB.
      </p>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => input.current?.click()}
        data-testid="import-board"
      >
        {busy ? 'Opening…' : 'Open a board file'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(event) => void choose(event)}
        data-testid="import-board-input"
      />
      {error && (
        <p className="form-error" role="alert" data-testid="import-board-error">
          {error}
        </p>
      )}
    </div>
  )
}
