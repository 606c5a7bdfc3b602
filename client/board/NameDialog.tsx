import './saved-board.css'
import { type FormEvent, useState } from 'react'
import { Dialog } from './Dialog'

export interface NameDialogProps {
  title: string
  intro: string
  label: string
  initial: string
  placeholder?: string
  maxLength: number
  submitLabel: string
  busyLabel: string
  testId: string
  /** A button beside the submit one that closes without a name, e.g. "Skip". */
  skipLabel?: string
  /** Does the work; resolves with what went wrong, in words, or null when done. */
  onSubmit: (name: string) => Promise<string | null>
  onClose: () => void
}

/** A dialog that asks for one name (a board's title, a version's name) and says kindly what failed. */
export function NameDialog(props: NameDialogProps) {
  const { title, intro, label, initial, placeholder, maxLength, submitLabel, busyLabel, testId } = props
  const [name, setName] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim() || busy) return
    setBusy(true)
    setError(null)
    const failure = await props.onSubmit(name.trim())
    setBusy(false)
    if (failure) setError(failure)
    else props.onClose()
  }

  return (
    <Dialog title={title} onClose={props.onClose} testId={testId}>
      <p className="dialog__intro">{intro}</p>
      <form className="name-dialog" onSubmit={submit}>
        <input
          className="input name-dialog__input"
          aria-label={label}
          value={name}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            // keep tldraw's shortcuts out of the field; Escape still closes the dialog
            if (event.key !== 'Escape') event.stopPropagation()
          }}
          autoFocus
          data-testid={`${testId}-input`}
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !name.trim()}
          data-testid={`${testId}-submit`}
        >
          {busy ? busyLabel : submitLabel}
        </button>
      </form>
      {props.skipLabel && (
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--quiet"
            onClick={props.onClose}
            data-testid={`${testId}-skip`}
          >
            {props.skipLabel}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}
