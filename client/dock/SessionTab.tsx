import { useBoardUi } from '../board/board-context'
import { useLiveSession } from '../session/session-context'
import { orderParticipants } from './participant-order'

const ROLE_LABEL = { facilitator: 'Facilitator', editor: 'Editor', viewer: 'Viewer' } as const
/** The Session tab: who is here, with which role, and who drives. */
export function SessionTab() {
  const { participants, selfId } = useBoardUi()
  const { connection } = useLiveSession()
  const driver = connection.session?.driver ?? null
  const live = connection.link === 'live'
  const people = orderParticipants(participants, selfId)
  return (
    <div className="session-tab" data-testid="session-tab">
      <p className={`session-tab__status session-tab__status--${live ? 'live' : 'away'}`}>
        <span className="session-tab__dot" aria-hidden="true" />
        {live ? 'Live session' : 'Reconnecting to the live session…'}
        {driver && <span className="session-tab__driver"> · driven by {driver.name}</span>}
      </p>
      <h3 className="sim-heading">
        Here now <span className="sim-heading__aside">{people.length}</span>
      </h3>
      {people.length === 0 ? (
        <p className="muted sim-empty">Nobody is connected right now.</p>
      ) : (
        <ul className="people" data-testid="session-people">
          {people.map((person) => (
            <li
              key={person.id}
              className="person"
              data-testid="session-person"
              data-participant-id={person.id}
            >
              <span className="person__dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
              <span className="person__name">
                {person.name}
                {person.id === selfId && <span className="person__you"> (you)</span>}
              </span>
              <span className={`role-chip role-chip--${person.role}`}>{ROLE_LABEL[person.role]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
