interface ConfirmActionsProps {
  /** The words on the confirm button, and while its action runs. */
  label: string
  busyLabel: string
  busy: boolean
  onCancel: () => void
  onConfirm: () => void
  tone?: 'primary' | 'danger'
  /** Disables the confirm button for a reason of the dialog's own (nothing chosen yet). */
  blocked?: boolean
  testId: string
}

/** A dialog's Cancel and confirm buttons; both wait while the confirmed action runs. */
export function ConfirmActions({
  label,
  busyLabel,
  busy,
  onCancel,
  onConfirm,
  tone = 'primary',
  blocked = false,
  testId,
}: ConfirmActionsProps) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button
        type="button"
        className={`button button--${tone}`}
        disabled={busy || blocked}
        onClick={onConfirm}
        data-testid={testId}
      >
        {busy ? busyLabel : label}
      </button>
    </div>
  )
}
