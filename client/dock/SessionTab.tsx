import { useState } from 'react'
import { canDriveSession, type Role } from '../../shared/protocol/roles'
import type { Participant } from '../../shared/protocol/session'
import { useBoardUi } from '../board/board-context'
import { LiveCheckpoint, LiveQuestionForm } from '../checkpoint/LiveCheckpoint'
import { FacilitatorTools, useIntentSender } from '../facilitation/FacilitatorTools'
import { RunOfShow } from '../facilitation/RunOfShow'
import { RaisedHands } from '../room/RaisedHands'
import { useLiveSession } from '../session/session-context'
import { orderParticipants } from './participant-order'

const ROLE_LABEL = { facilitator: 'Facilitator', editor: 'Editor', viewer: 'Viewer' } as const
const ROLE_ACTIONS: readonly { role: Role; label: string }[] = [
  { role: 'editor', label: 'Make editor' },
  { role: 'facilitator', label: 'Make co-facilitator' },
  { role: 'viewer', label: 'Make viewer' },
]

/** "Following Ana · Stop", or a gentle "You stopped following Ana" after one's own pan or zoom. */
function FollowBanner() {
  const { follow } = useLiveSession()
  if (follow.following) {
    return (
      <p className="follow-banner" data-testid="follow-banner" role="status">
        <span className="follow-banner__eye" aria-hidden="true" />
        Following {follow.following.name} ·{' '}
        <button type="button" className="link-button" onClick={follow.stop}>
          Stop
        </button>
      </p>
    )
  }
  if (follow.stoppedName) {
    return (
      <p className="follow-banner follow-banner--stopped" data-testid="follow-stopped" role="status">
        You stopped following {follow.stoppedName}.{' '}
        <button type="button" className="link-button" onClick={follow.dismissStopped}>
          OK
        </button>
      </p>
    )
  }
  return null
}

function PersonRow({
  person,
  self,
  facilitator,
}: {
  person: Participant
  self: boolean
  facilitator: boolean
}) {
  const { follow } = useLiveSession()
  const { send, error, busy } = useIntentSender()
  const [cannotFollow, setCannotFollow] = useState(false)
  const followingThem = follow.following?.participantId === person.id
  return (
    <li
      className={`person${self ? '' : ' person--with-actions'}`}
      data-testid="session-person"
      data-participant-id={person.id}
    >
      <span className="person__dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
      <span className="person__name">
        {person.name}
        {self && <span className="person__you"> (you)</span>}
        {person.handRaisedAt !== undefined && (
          <span className="person__hand" data-testid="person-hand" role="img" aria-label="hand raised">
            {' '}
            ✋
          </span>
        )}
        {error && <span className="person__error">{error}</span>}
        {cannotFollow && <span className="person__error">Their canvas is not visible yet.</span>}
      </span>
      <span className={`role-chip role-chip--${person.role}`}>{ROLE_LABEL[person.role]}</span>
      {!self && (
        <span className="person__actions">
          {person.presenceId && (
            <button
              type="button"
              className="button button--small button--quiet person__follow"
              data-testid="follow-person"
              aria-pressed={followingThem}
              onClick={() => {
                if (followingThem) follow.stop()
                else setCannotFollow(!follow.follow(person))
              }}
            >
              {followingThem ? 'Unfollow' : 'Follow'}
            </button>
          )}
          {facilitator && (
            <select
              className="person__role-menu"
              aria-label={`Change ${person.name}'s role`}
              data-testid="role-menu"
              value=""
              disabled={busy}
              onChange={(event) => {
                const role = event.target.value as Role
                if (role) void send({ type: 'role:set', participantId: person.id, role })
              }}
            >
              <option value="">Change role…</option>
              {ROLE_ACTIONS.filter((action) => action.role !== person.role).map((action) => (
                <option key={action.role} value={action.role}>
                  {action.label}
                </option>
              ))}
            </select>
          )}
        </span>
      )}
    </li>
  )
}

/** The live question (vote, reveal, close) and, with none open, the facilitator's "Ask a question". */
function SessionQuestion({ facilitator }: { facilitator: boolean }) {
  const { connection } = useLiveSession()
  const open = connection.session?.checkpoint ?? null
  if (!open && !facilitator) return null
  return (
    <section className="session-question" data-testid="session-question" aria-label="Question">
      <h3 className="sim-heading">Question</h3>
      <LiveCheckpoint />
      {facilitator && !open && <LiveQuestionForm />}
    </section>
  )
}

/** The Session tab: who is here and with which role, following, and the facilitator's tools. */
export function SessionTab() {
  const { participants, selfId } = useBoardUi()
  const { connection } = useLiveSession()
  const driver = connection.session?.driver ?? null
  const live = connection.link === 'live'
  const facilitator = canDriveSession(connection.session?.yourRole ?? 'viewer')
  const people = orderParticipants(participants, selfId)
  return (
    <div className="session-tab" data-testid="session-tab">
      <p className={`session-tab__status session-tab__status--${live ? 'live' : 'away'}`}>
        <span className="session-tab__dot" aria-hidden="true" />
        {live ? 'Live session' : 'Reconnecting to the live session…'}
        {driver && <span className="session-tab__driver"> · driven by {driver.name}</span>}
      </p>
      <FollowBanner />
      <RunOfShow />
      <SessionQuestion facilitator={facilitator} />
      {facilitator && <RaisedHands participants={participants} />}
      {facilitator && <FacilitatorTools />}
      <h3 className="sim-heading">
        Here now <span className="sim-heading__aside">{people.length}</span>
      </h3>
      {people.length === 0 ? (
        <p className="muted sim-empty">Nobody is connected right now.</p>
      ) : (
        <ul className="people" data-testid="session-people">
          {people.map((person) => (
            <PersonRow
              key={person.id}
              person={person}
              self={person.id === selfId}
              facilitator={facilitator}
            />
          ))}
        </ul>
      )}
    </div>
  )
}
