import { useState } from 'react'
import type { Participant } from '../../shared/protocol/session'
import { useLiveSession } from '../session/session-context'

/** Raised hands, first raised first. */
export function raisedHands(participants: readonly Participant[]): Participant[] {
  return participants
    .filter((p) => p.handRaisedAt !== undefined)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0))
}

/** The facilitator's list of raised hands, in the order they went up, each with "Lower". */
export function RaisedHands({ participants }: { participants: readonly Participant[] }) {
  const { signals } = useLiveSession()
  const [error, setError] = useState<string | null>(null)
  const hands = raisedHands(participants)
  if (hands.length === 0) return null
  return (
    <section className="raised-hands" aria-label="Raised hands" data-testid="raised-hands">
      <h3 className="sim-heading">
        <span aria-hidden="true">✋</span> Raised hands{' '}
        <span className="sim-heading__aside">{hands.length}</span>
      </h3>
      <ol className="raised-hands__list">
        {hands.map((p) => (
          <li key={p.id} className="raised-hands__person" data-testid="raised-hand">
            <span className="person__dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
            <span className="raised-hands__name">{p.name}</span>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-label={`Lower ${p.name}'s hand`}
              data-testid="lower-hand"
              onClick={() =>
                void signals.lowerHand(p.id).then((ack) => setError(ack.ok ? null : ack.message))
              }
            >
              Lower
            </button>
          </li>
        ))}
      </ol>
      {error && (
        <p className="session-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
