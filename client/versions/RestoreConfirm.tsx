/**
 * "Bring the board back to this version for everyone?" with Restore and Cancel: asked before a
 * restore, in the versions dialog and on a version's own page.
 */
export function RestoreConfirm({
  onRestore,
  onCancel,
  testId,
}: {
  onRestore: () => void
  onCancel: () => void
  /** The Restore button's test id. */
  testId: string
}) {
  return (
    <>
      <span>Bring the board back to this version for everyone? Ctrl+Z on the board takes it back.</span>
      <button
        type="button"
        className="button button--small button--primary"
        onClick={onRestore}
        data-testid={testId}
      >
        Restore
      </button>
      <button type="button" className="button button--small" onClick={onCancel}>
        Cancel
      </button>
    </>
  )
}
