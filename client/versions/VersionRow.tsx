import { useState } from 'react'
import { type VersionInfo, type VersionKind, versionPath } from '../../shared/protocol/saved-boards'
import { CopyField } from '../board/CopyField'
import { ForkDialog } from '../board/ForkDialog'
import { navigateOnPlainClick } from '../router'
import { publishVersion, versionThumbnailPath } from '../saved-boards-api'
import { RestoreConfirm } from './RestoreConfirm'
import { VersionThumbnail } from './VersionThumbnail'
import { versionTime } from './version-time'

const KIND_LABEL: Record<VersionKind, string> = {
  manual: 'Saved',
  hourly: 'Hourly',
  'session-end': 'Session end',
}

export interface VersionRowProps {
  version: VersionInfo
  boardId: string
  token: string
  /** The board's title now, to say where a fork came from. */
  boardTitle: string
  isFacilitator: boolean
  /** Restores through the board's editor; null when this tab cannot (no editor, may not write). */
  restore: ((versionId: string) => Promise<string | null>) | null
}

/** One saved version: its picture, name and time, and what may be done with it. */
export function VersionRow({ version, boardId, token, boardTitle, isFacilitator, restore }: VersionRowProps) {
  const [confirming, setConfirming] = useState(false)
  const [forking, setForking] = useState(false)
  const [busy, setBusy] = useState<'restore' | 'publish' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [published, setPublished] = useState<string | null>(null)
  const openHref = `${versionPath(boardId, version.id)}#k=${token}`

  const act = async (what: 'restore' | 'publish', work: () => Promise<string | null>) => {
    setBusy(what)
    setError(null)
    const failure = await work()
    setBusy(null)
    if (failure) setError(failure)
  }

  const doRestore = () =>
    act('restore', async () => {
      setConfirming(false)
      return restore ? restore(version.id) : 'Restoring needs the board open and connected.'
    })
  const doPublish = () =>
    act('publish', async () => {
      const result = await publishVersion(boardId, token, version.id)
      if (!result.ok) return `It was not published: ${result.failure.message}`
      setPublished(result.value.url)
      return null
    })

  return (
    <li className="version-row" data-testid="version-row" data-version-id={version.id}>
      <VersionThumbnail
        path={version.hasThumbnail ? versionThumbnailPath(boardId, version.id) : null}
        token={token}
        label={`The board at “${version.name}”`}
      />
      <div className="version-row__body">
        <div className="version-row__head">
          <span className="version-row__name" data-testid="version-name">
            {version.name}
          </span>
          <span className={`version-kind version-kind--${version.kind}`}>{KIND_LABEL[version.kind]}</span>
        </div>
        <span className="version-row__time muted">{versionTime(version.createdAt)}</span>
        <div className="version-row__actions">
          <a
            className="button button--small"
            href={openHref}
            onClick={(event) => navigateOnPlainClick(event, openHref)}
            data-testid="version-open"
          >
            Open
          </a>
          {isFacilitator && restore && (
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              onClick={() => setConfirming(true)}
              data-testid="version-restore"
            >
              {busy === 'restore' ? 'Restoring…' : 'Restore'}
            </button>
          )}
          <button
            type="button"
            className="button button--small"
            disabled={busy !== null}
            onClick={() => setForking(true)}
            title="A new board from this version, with new links; you facilitate it"
            data-testid="version-fork"
          >
            Fork…
          </button>
          {isFacilitator && (
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              onClick={doPublish}
              title="A read-only link to this version as it is, for anyone"
              data-testid="version-publish"
            >
              {busy === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
          )}
        </div>
        {forking && (
          <ForkDialog
            boardId={boardId}
            token={token}
            title={boardTitle}
            version={{ id: version.id, name: version.name }}
            onClose={() => setForking(false)}
          />
        )}
        {confirming && (
          <div className="version-row__confirm" role="alert">
            <RestoreConfirm
              onRestore={doRestore}
              onCancel={() => setConfirming(false)}
              testId="version-restore-confirm"
            />
          </div>
        )}
        {published && (
          <div className="version-row__published">
            <span className="muted">Anyone with this link sees this version, read-only:</span>
            <CopyField
              link={published}
              label={`Link to “${version.name}”`}
              testId="published-link"
              copyTestId="copy-published-link"
            />
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  )
}
