import { useValue } from 'tldraw'
import { avatarInitials } from '../../shared/presence/initials'
import type { Participant } from '../../shared/protocol/session'
import { $localUser } from './local-user'

const MAX_SHOWN = 6

/** Who is on the board right now, this tab first. While offline it shows just you. */
export function PresenceAvatars({
  participants,
  selfId,
}: {
  participants: Participant[]
  selfId: string | null
}) {
  const me = useValue('local user', () => $localUser.get(), [])
  const people: Array<Participant & { isSelf: boolean }> =
    participants.length > 0
      ? [...participants]
          .map((p) => ({ ...p, isSelf: p.id === selfId }))
          .sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name))
      : [{ id: 'self', name: me.name, color: me.color, role: 'viewer', isSelf: true }]
  const shown = people.slice(0, MAX_SHOWN)
  const hidden = people.length - shown.length
  return (
    <ul className="avatars" aria-label={`${people.length} on this board`}>
      {shown.map((person) => {
        const title = person.isSelf ? `${person.name} (you)` : `${person.name} · ${person.role}`
        return (
          <li
            key={person.id}
            className={`avatar${person.isSelf ? ' avatar--self' : ''}`}
            style={{ backgroundColor: person.color }}
            title={title}
            aria-label={title}
            data-testid="participant-avatar"
            data-participant-id={person.id}
          >
            {avatarInitials(person.name)}
          </li>
        )
      })}
      {hidden > 0 && (
        <li className="avatar avatar--more" title={`${hidden} more`}>
          +{hidden}
        </li>
      )}
    </ul>
  )
}
