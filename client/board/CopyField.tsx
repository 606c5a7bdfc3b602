import { useEffect, useRef, useState } from 'react'

/** A link as a full address: the server may answer with a path or an absolute URL. */
export function absoluteLink(link: string): string {
  return /^https?:\/\//.test(link) ? link : `${window.location.origin}${link}`
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // no clipboard API on plain http: fall back to selecting and copying the field
    if (!input) return false
    input.select()
    return document.execCommand('copy')
  }
}

export interface CopyFieldProps {
  /** A path or an absolute URL; shown and copied as a full address. */
  link: string
  label: string
  testId: string
  copyTestId: string
}

/** A read-only link field with a Copy button that says whether it worked. */
export function CopyField({ link, label, testId, copyTestId }: CopyFieldProps) {
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const url = absoluteLink(link)

  useEffect(() => {
    if (copied === null) return
    const timer = window.setTimeout(() => setCopied(null), 2000)
    return () => window.clearTimeout(timer)
  }, [copied])

  return (
    <div className="share-row__link">
      <input
        ref={input}
        className="share-row__input"
        readOnly
        value={url}
        aria-label={label}
        onFocus={(event) => event.currentTarget.select()}
        data-testid={testId}
      />
      <button
        type="button"
        className="button button--small"
        onClick={async () => setCopied((await copyText(url, input.current)) ? 'yes' : 'failed')}
        data-testid={copyTestId}
      >
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Press Ctrl+C' : 'Copy'}
      </button>
    </div>
  )
}
