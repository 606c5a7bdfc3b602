import './saved-board.css'
import { useState } from 'react'
import type { ShareLinks } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { RotateLinksResponse } from '../../shared/protocol/saved-boards'
import { rotateLinks } from '../saved-boards-api'
import { CopyField } from './CopyField'
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

/** What a facilitator needs to replace links: the board, their own token, and what to do with the new links. */
export interface LinkReplacement {
  boardId: string
  token: string
  onReplaced: (links: RotateLinksResponse, roles: Role[]) => void
}

function LinkRow({
  role,
  label,
  hint,
  link,
  replacement,
}: {
  role: Role
  label: string
  hint: string
  link: string
  replacement: LinkReplacement | null
}) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'replacing'>('idle')
  const [error, setError] = useState<string | null>(null)

  const replace = async () => {
    if (!replacement) return
    setStep('replacing')
    setError(null)
    const result = await rotateLinks(replacement.boardId, replacement.token, [role])
    if (result.ok) {
      setStep('idle')
      replacement.onReplaced(result.value, [role])
    } else {
      setStep('confirm')
      setError(`The link was not replaced: ${result.failure.message}`)
    }
  }

  return (
    <li className="share-row" data-testid={`share-row-${role}`}>
      <div className="share-row__head">
        <span className="share-row__role">{label}</span>
        <span className="share-row__hint">{hint}</span>
      </div>
      <CopyField
        link={link}
        label={`${label} link`}
        testId={`share-link-${role}`}
        copyTestId={`copy-link-${role}`}
      />
      {replacement && step === 'idle' && (
        <button
          type="button"
          className="button button--quiet button--small share-row__replace"
          onClick={() => setStep('confirm')}
          data-testid={`replace-link-${role}`}
        >
          Replace link
        </button>
      )}
      {replacement && step !== 'idle' && (
        <div className="share-row__confirm" role="alert">
          <span>
            People using the old link are disconnected.
            {role === 'facilitator' ? ' This tab moves to the new link.' : ''}
          </span>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={step === 'replacing'}
            onClick={replace}
            data-testid={`confirm-replace-${role}`}
          >
            {step === 'replacing' ? 'Replacing…' : 'Replace'}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={step === 'replacing'}
            onClick={() => {
              setStep('idle')
              setError(null)
            }}
          >
            Keep it
          </button>
          {error && <p className="form-error">{error}</p>}
        </div>
      )}
    </li>
  )
}

/**
 * The links this role may hand on, each with a Copy button; a facilitator may also replace a link
 * that went too far (the old one stops working at once).
 */
export function ShareDialog({
  links,
  onClose,
  replacement,
}: {
  links: Partial<ShareLinks>
  onClose: () => void
  /** Only for facilitators. */
  replacement: LinkReplacement | null
}) {
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
              <LinkRow key={`${row.role}:${row.link}`} {...row} replacement={replacement} />
            ))}
          </ul>
        </>
      ) : (
        <p className="dialog__intro">The links appear here once this device is back online.</p>
      )}
    </Dialog>
  )
}
