import { useEffect, useRef, useState } from 'react'
import type { ShareLinks } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import { Dialog } from './Dialog'

const ROLES: Array<{ role: Role; label: string; hint: string }> = [
  {
    role: 'facilitator',
    label: 'Facilitator',
    hint: 'Drives the session and manages links. Keep it for co-hosts.',
  },
  { role: 'editor', label: 'Editor', hint: 'Draws and edits with everyone.' },
  { role: 'viewer', label: 'Viewer', hint: 'Watches and follows along; cannot change the board.' },
]

/** A share link as a full address: the server may answer with a path or an absolute URL. */
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

function LinkRow({ role, label, hint, link }: { role: Role; label: string; hint: string; link: string }) {
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const url = absoluteLink(link)

  useEffect(() => {
    if (copied === null) return
    const timer = window.setTimeout(() => setCopied(null), 2000)
    return () => window.clearTimeout(timer)
  }, [copied])

  return (
    <li className="share-row">
      <div className="share-row__head">
        <span className="share-row__role">{label}</span>
        <span className="share-row__hint">{hint}</span>
      </div>
      <div className="share-row__link">
        <input
          ref={input}
          className="share-row__input"
          readOnly
          value={url}
          aria-label={`${label} link`}
          onFocus={(event) => event.currentTarget.select()}
          data-testid={`share-link-${role}`}
        />
        <button
          type="button"
          className="button button--small"
          onClick={async () => setCopied((await copyText(url, input.current)) ? 'yes' : 'failed')}
          data-testid={`copy-link-${role}`}
        >
          {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Press Ctrl+C' : 'Copy'}
        </button>
      </div>
    </li>
  )
}

/** The links this role may hand on, each with a Copy button. */
export function ShareDialog({ links, onClose }: { links: Partial<ShareLinks>; onClose: () => void }) {
  const rows = ROLES.flatMap((row) => {
    const link = links[row.role]
    return link ? [{ ...row, link }] : []
  })

  return (
    <Dialog title="Share this board" onClose={onClose} testId="share-dialog">
      {rows.length > 0 ? (
        <>
          <p className="dialog__intro">Anyone with a link joins with that link's role. No accounts needed.</p>
          <ul className="share-rows">
            {rows.map((row) => (
              <LinkRow key={row.role} {...row} />
            ))}
          </ul>
        </>
      ) : (
        <p className="dialog__intro">The links appear here once this device is back online.</p>
      )}
    </Dialog>
  )
}
