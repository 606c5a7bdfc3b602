import { useEffect, useState } from 'react'
import { boardLink, tokenFromFragment } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { VersionContent } from '../../shared/protocol/saved-boards'
import { useClientConfig } from '../client-config'
import { openNewBoard } from '../open-new-board'
import { findRememberedBoard } from '../remembered-boards'
import { fetchBoardInfo, type RequestFailure } from '../rest-client'
import { navigate } from '../router'
import { fetchVersion, forkBoard } from '../saved-boards-api'
import { LazyReadOnlyCanvas } from './LazyReadOnlyCanvas'
import { RestoreConfirm } from './RestoreConfirm'
import { requestRestoreOnArrival } from './restore-on-arrival'
import { SavedViewLayout, SavedViewMessage } from './SavedViewLayout'
import { versionTime } from './version-time'

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; failure: RequestFailure }
  | { status: 'ready'; version: VersionContent; role: Role }

function failureText(failure: RequestFailure): { title: string; detail: string } {
  switch (failure.code) {
    case 'unauthorized':
    case 'forbidden':
      return { title: 'This link does not open this version', detail: 'Ask for a fresh link to the board.' }
    case 'version_not_found':
    case 'board_not_found':
    case 'not_found':
      return { title: 'This version is not here', detail: 'It or its board may have been deleted.' }
    default:
      return { title: 'This version could not be opened', detail: failure.message }
  }
}

/** `/b/:boardId/v/:versionId`: one saved version, read-only, with the way back, Restore and Fork. */
export function VersionPage({
  boardId,
  versionId,
  fragment,
}: {
  boardId: string
  versionId: string
  fragment: string
}) {
  const token = tokenFromFragment(fragment) ?? findRememberedBoard(boardId)?.token ?? null
  const config = useClientConfig()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [confirming, setConfirming] = useState(false)
  const [forkError, setForkError] = useState<string | null>(null)
  const [forking, setForking] = useState(false)

  useEffect(() => {
    if (!token) return
    let live = true
    setLoaded({ status: 'loading' })
    void Promise.all([fetchVersion(boardId, token, versionId), fetchBoardInfo(boardId, token)]).then(
      ([version, info]) => {
        if (!live) return
        if (!version.ok) setLoaded({ status: 'failed', failure: version.failure })
        else if (!info.ok) setLoaded({ status: 'failed', failure: info.failure })
        else setLoaded({ status: 'ready', version: version.value, role: info.value.role })
      },
    )
    return () => {
      live = false
    }
  }, [boardId, versionId, token])

  if (!token) {
    return <SavedViewMessage title="This link is missing its key" detail="Version links end with #k=…" />
  }
  if (loaded.status === 'failed') return <SavedViewMessage {...failureText(loaded.failure)} />
  if (loaded.status === 'loading' || !config) {
    return <div className="page page--centered loading">Opening the version…</div>
  }

  const { version, role } = loaded
  const backToBoard = () => navigate(boardLink(boardId, token))
  const restore = () => {
    // restored by the board's own editor, so it is one undoable change there
    requestRestoreOnArrival(boardId, versionId)
    backToBoard()
  }
  const fork = async () => {
    setForking(true)
    setForkError(null)
    const result = await forkBoard(boardId, token, { versionId })
    setForking(false)
    if (result.ok) openNewBoard(result.value)
    else setForkError(`No copy was made: ${result.failure.message}`)
  }

  return (
    <SavedViewLayout
      title={version.boardTitle}
      detail={`${version.version.name} · ${versionTime(version.version.createdAt)}`}
      actions={
        <>
          <button
            type="button"
            className="button button--small"
            onClick={backToBoard}
            data-testid="back-to-board"
          >
            Back to the board
          </button>
          {role === 'facilitator' && (
            <button
              type="button"
              className="button button--small"
              onClick={() => setConfirming(true)}
              data-testid="version-page-restore"
            >
              Restore
            </button>
          )}
          <button
            type="button"
            className="button button--small button--primary"
            onClick={fork}
            disabled={forking}
            data-testid="version-page-fork"
          >
            {forking ? 'Copying…' : 'Fork'}
          </button>
        </>
      }
      notice={
        (confirming || forkError) && (
          <div className="saved-view__notice" role="alert">
            {forkError ?? (
              <RestoreConfirm
                onRestore={restore}
                onCancel={() => setConfirming(false)}
                testId="version-page-restore-confirm"
              />
            )}
          </div>
        )
      }
    >
      <LazyReadOnlyCanvas content={version.content} licenseKey={config.tldrawLicenseKey} />
    </SavedViewLayout>
  )
}
