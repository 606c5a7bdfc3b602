import { useValue } from 'tldraw'
import { LIMITS } from '../../shared/protocol/rest'
import { $localUser, updateLocalUser } from './local-user'
import { NameDialog } from './NameDialog'
import { rememberNameAsked } from './name-prompt'

/**
 * The first time someone opens a board in this browser: what should the others call them? Skipping
 * keeps the friendly animal name; either way the question is not asked again (the name stays editable).
 */
export function JoinNameDialog({ onDone }: { onDone: () => void }) {
  const me = useValue('local user', () => $localUser.get(), [])
  const done = () => {
    rememberNameAsked()
    onDone()
  }
  return (
    <NameDialog
      title="What should we call you?"
      intro="Your name shows on your cursor and in the Session tab. You can change it later."
      label="Your name"
      initial=""
      placeholder="e.g. Priya (SRE)"
      maxLength={LIMITS.participantNameChars}
      submitLabel="Join"
      busyLabel="Joining…"
      skipLabel={`Skip, stay ${me.name}`}
      testId="join-name"
      onSubmit={async (name) =>
        updateLocalUser({ name }) ? null : 'That name cannot be used. Try a shorter one.'
      }
      onClose={done}
    />
  )
}
