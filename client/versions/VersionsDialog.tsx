import './versions.css'
import { useCallback, useEffect, useState } from 'react'
import type { VersionInfo } from '../../shared/protocol/saved-boards'
import { useBoardUi } from '../board/board-context'
import { Dialog } from '../board/Dialog'
import { listVersions } from '../saved-boards-api'
import { useLiveSession } from '../session/session-context'
import { restoreVersion, restoreWithoutCanvas } from './restore-version'
import { VersionRow } from './VersionRow'

type Listing =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; versions: VersionInfo[] }

/** The board's saved versions, newest first: open, restore, fork or publish one. */
export function VersionsDialog({ onClose }: { onClose: () => void }) {
  const { boardId, token, title, linkRole, editor, canWrite, notify } = useBoardUi()
  const [listing, setListing] = useState<Listing>({ status: 'loading' })
  const isFacilitator = linkRole === 'facilitator'
  const { connection } = useLiveSession()

  useEffect(() => {
    let live = true
    void listVersions(boardId, token).then((result) => {
      if (!live) return
      setListing(
        result.ok
          ? { status: 'ready', versions: result.value }
          : { status: 'failed', message: `The versions could not be loaded: ${result.failure.message}` },
      )
    })
    return () => {
      live = false
    }
  }, [boardId, token])

  const restore = useCallback(
    async (versionId: string) => {
      // without a canvas (safe mode) the server restores it; the board then opens by itself
      const outcome = editor
        ? await restoreVersion(editor, boardId, token, versionId)
        : await restoreWithoutCanvas(boardId, token, versionId)
      if (!outcome.ok) return outcome.message
      if (outcome.changes > 0) void connection.announce({ kind: 'version-restored', version: outcome.name })
      onClose()
      notify(
        outcome.changes === 0
          ? `The board already matches “${outcome.name}”.`
          : `Restored “${outcome.name}” for everyone.${editor ? ' Ctrl+Z takes it back.' : ''}`,
      )
      return null
    },
    [editor, boardId, token, onClose, notify, connection],
  )

  return (
    <Dialog title="Versions" onClose={onClose} testId="versions-dialog" className="dialog--versions">
      <p className="dialog__intro">
        Saved by a facilitator, at the end of each session, and every hour while the board changes.
      </p>
      {listing.status === 'loading' && <p className="muted">Loading versions…</p>}
      {listing.status === 'failed' && (
        <p className="form-error" role="alert">
          {listing.message}
        </p>
      )}
      {listing.status === 'ready' && listing.versions.length === 0 && (
        <p className="muted" data-testid="versions-empty">
          No versions yet.{isFacilitator ? ' “Save version” in the Board menu keeps one now.' : ''}
        </p>
      )}
      {listing.status === 'ready' && listing.versions.length > 0 && (
        <ul className="version-rows">
          {listing.versions.map((version) => (
            <VersionRow
              key={version.id}
              version={version}
              boardId={boardId}
              token={token}
              boardTitle={title}
              isFacilitator={isFacilitator}
              restore={canWrite ? restore : null}
            />
          ))}
        </ul>
      )}
    </Dialog>
  )
}
