import { useEffect, useState } from 'react'
import { BOARD_FILE_FORMAT, type BoardFile, boardFileSchema } from '../../shared/protocol/board-file'
import { tokenFromFragment } from '../../shared/protocol/links'
import type { PublishedVersion } from '../../shared/protocol/saved-boards'
import { useClientConfig } from '../client-config'
import { downloadBlob, fileBaseName } from '../export/download'
import { openNewBoard } from '../open-new-board'
import type { RequestFailure } from '../rest-client'
import { fetchPublished, forkPublished } from '../saved-boards-api'
import { LazyReadOnlyCanvas } from './LazyReadOnlyCanvas'
import { SavedViewLayout, SavedViewMessage } from './SavedViewLayout'
import { versionTime } from './version-time'

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; failure: RequestFailure }
  | { status: 'ready'; published: PublishedVersion }

/** A frozen version as a board file: its drawing only (a publication carries no template or session). */
function publishedBoardFile(published: PublishedVersion): BoardFile | null {
  const file = boardFileSchema.safeParse({
    format: BOARD_FILE_FORMAT,
    formatVersion: 1,
    title: published.boardTitle,
    templateId: null,
    exportedAt: new Date().toISOString(),
    content: published.content,
    session: null,
  })
  return file.success ? file.data : null
}

/** `/p/:publicationId`: a published version, frozen and read-only, with "Make a copy" and its board file. */
export function PublishedPage({ publicationId, fragment }: { publicationId: string; fragment: string }) {
  const token = tokenFromFragment(fragment)
  const config = useClientConfig()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [copying, setCopying] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!token) return
    let live = true
    void fetchPublished(publicationId, token).then((result) => {
      if (!live) return
      setLoaded(
        result.ok
          ? { status: 'ready', published: result.value }
          : { status: 'failed', failure: result.failure },
      )
    })
    return () => {
      live = false
    }
  }, [publicationId, token])

  if (!token) {
    return <SavedViewMessage title="This link is missing its key" detail="Published links end with #k=…" />
  }
  if (loaded.status === 'failed') {
    const gone = loaded.failure.code !== 'network_error' && loaded.failure.code !== 'bad_response'
    return gone ? (
      <SavedViewMessage
        title="This published version is not available"
        detail="The link may be incomplete, or the board was deleted."
      />
    ) : (
      <SavedViewMessage title="This version could not be opened" detail={loaded.failure.message} />
    )
  }
  if (loaded.status === 'loading' || !config) {
    return <div className="page page--centered loading">Opening the version…</div>
  }

  const { published } = loaded
  const makeCopy = async () => {
    setCopying(true)
    setProblem(null)
    const result = await forkPublished(publicationId, token)
    setCopying(false)
    if (result.ok) openNewBoard(result.value)
    else setProblem(`No copy was made: ${result.failure.message}`)
  }
  const download = () => {
    const file = publishedBoardFile(published)
    if (!file) {
      setProblem('This version cannot be saved as a board file.')
      return
    }
    const json = JSON.stringify(file, null, 2)
    downloadBlob(new Blob([json], { type: 'application/json' }), `${fileBaseName(published.boardTitle)}.json`)
  }

  return (
    <SavedViewLayout
      title={published.boardTitle}
      detail={`${published.version.name} · ${versionTime(published.version.createdAt)}`}
      actions={
        <>
          <button
            type="button"
            className="button button--small"
            onClick={download}
            data-testid="published-download"
          >
            Download board file
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={makeCopy}
            disabled={copying}
            title="A new board of your own from this version"
            data-testid="published-copy"
          >
            {copying ? 'Copying…' : 'Make a copy'}
          </button>
        </>
      }
      notice={
        problem && (
          <div className="saved-view__notice" role="alert">
            {problem}
          </div>
        )
      }
    >
      <LazyReadOnlyCanvas content={published.content} licenseKey={config.tldrawLicenseKey} />
    </SavedViewLayout>
  )
}
