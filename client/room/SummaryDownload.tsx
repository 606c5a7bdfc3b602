import { useState } from 'react'
import { summaryFileName, summaryMarkdown } from '../../shared/session/session-summary'
import { downloadBlob } from '../export/download'
import { useLiveSession } from '../session/session-context'

/** Facilitators: the session so far (who came, questions and votes, steps) as a Markdown file. */
export function SummaryDownload() {
  const { signals } = useLiveSession()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const download = async () => {
    setBusy(true)
    const ack = await signals.fetchSummary()
    setBusy(false)
    if (!ack.ok) return setError(ack.message)
    setError(null)
    const file = new Blob([summaryMarkdown(ack.summary)], { type: 'text/markdown;charset=utf-8' })
    downloadBlob(file, summaryFileName(ack.summary))
  }
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="summary-download"
        disabled={busy}
        onClick={() => void download()}
      >
        Download summary (.md)
      </button>
      {error && (
        <p className="session-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
