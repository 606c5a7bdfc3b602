import { type FormEvent, type KeyboardEvent, useState } from 'react'
import { useValue } from 'tldraw'
import { LIMITS } from '../../shared/protocol/rest'
import { $localUser, cycleLocalUserColor, updateLocalUser } from './local-user'
import { rememberNameAsked } from './name-prompt'

/** "You: <name>": click to rename yourself; the dot changes your colour. Kept in this browser. */
export function NameEditor() {
  const me = useValue('local user', () => $localUser.get(), [])
  const [draft, setDraft] = useState<string | null>(null)

  const save = (event?: FormEvent) => {
    event?.preventDefault()
    if (draft?.trim() && updateLocalUser({ name: draft.trim() })) rememberNameAsked()
    setDraft(null)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation() // keep tldraw's shortcuts out of the name
    if (event.key === 'Escape') setDraft(null)
  }

  return (
    <div className="name-editor">
      <button
        type="button"
        className="name-editor__color"
        style={{ backgroundColor: me.color }}
        onClick={cycleLocalUserColor}
        title="Change your colour"
        aria-label="Change your colour"
        data-testid="user-color"
      />
      {draft === null ? (
        <button
          type="button"
          className="name-editor__name"
          onClick={() => setDraft(me.name)}
          title="Change your name"
          data-testid="user-name"
        >
          <span className="name-editor__you">You: </span>
          <strong>{me.name}</strong>
        </button>
      ) : (
        <form onSubmit={save} className="name-editor__form">
          <input
            className="name-editor__input"
            aria-label="Your name"
            value={draft}
            maxLength={LIMITS.participantNameChars}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => save()}
            // biome-ignore lint/a11y/noAutofocus: the field opens because the person asked to type
            autoFocus
            data-testid="user-name-input"
          />
        </form>
      )}
    </div>
  )
}
