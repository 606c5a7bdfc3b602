import { useState } from 'react'
import { ConfirmActions } from './ConfirmActions'
import { Dialog } from './Dialog'
import { type ForkOutcome, forkIntoNewTab } from './fork-in-new-tab'

interface ForkDialogProps {
  boardId: string
  token: string
  /** The board's title now, to say where the copy came from. */
  title: string
  /** Fork this version instead of the board as it is now. */
  version?: { id: string; name: string }
  onClose: () => void
}

/** Asks before making a copy, and says it opens in a new tab so this session carries on here. */
export function ForkDialog({ boardId, token, title, version, onClose }: ForkDialogProps) {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ForkOutcome | null>(null)

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    const origin = version ? `Copy of “${title}” at “${version.name}”` : `Copy of “${title}”`
    const result = await forkIntoNewTab(boardId, token, version ? { versionId: version.id } : {}, origin)
    setBusy(false)
    if (result.kind === 'opened') onClose()
    else setOutcome(result)
  }

  const what = version ? `the version “${version.name}”` : 'this board'
  return (
    <Dialog title="Make your own copy?" onClose={onClose} testId="fork-dialog">
      <p className="dialog__intro">
        A copy of {what} opens in a new tab, with you as its facilitator. You stay here, in this session.
      </p>
      {outcome?.kind === 'failed' && (
        <p className="form-error" role="alert" data-testid="fork-error">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'blocked' ? (
        <div className="dialog__actions">
          <a
            className="button button--primary"
            href={outcome.link}
            target="_blank"
            rel="noopener"
            onClick={onClose}
            data-testid="fork-open-copy"
          >
            Open your copy
          </a>
        </div>
      ) : (
        <ConfirmActions
          label="Copy into a new tab"
          busyLabel="Making a copy…"
          busy={busy}
          onCancel={onClose}
          onConfirm={() => void confirm()}
          testId="fork-confirm"
        />
      )}
    </Dialog>
  )
}
