import './room.css'
import { useState } from 'react'
import { canDriveSession } from '../../shared/protocol/roles'
import { REACTIONS } from '../../shared/protocol/room-signals'
import { useBoardUi } from '../board/board-context'
import { useLiveSession } from '../session/session-context'
import { ShortcutSheet } from '../shortcuts/ShortcutSheet'

const emojiOf = (id: string) => REACTIONS.find((r) => r.id === id)?.emoji ?? ''

/** Reactions floating over the canvas for a few seconds, on every screen. */
function FloatingReactions() {
  const { signals } = useLiveSession()
  return (
    <ol className="room-reactions" aria-live="polite" data-testid="room-reactions">
      {signals.reactions.map((r) => (
        <li key={r.n} className="room-reaction" data-testid="room-reaction" data-reaction={r.reaction}>
          <span className="room-reaction__emoji" aria-hidden="true">
            {emojiOf(r.reaction)}
          </span>
          <span className="room-reaction__name">
            {r.name}
            <span className="visually-hidden">
              {' '}
              reacted: {REACTIONS.find((x) => x.id === r.reaction)?.label}
            </span>
          </span>
        </li>
      ))}
    </ol>
  )
}

/** Over the canvas, for everyone: raise a hand, react, and the "?" shortcut sheet. */
export function RoomBar() {
  const { participants, selfId } = useBoardUi()
  const { connection, signals } = useLiveSession()
  const [error, setError] = useState<string | null>(null)
  const live = connection.link === 'live'
  const handUp = participants.find((p) => p.id === selfId)?.handRaisedAt !== undefined
  const facilitator = canDriveSession(connection.session?.yourRole ?? 'viewer')
  const answer = (ack: { ok: boolean; message?: string }) => setError(ack.ok ? null : (ack.message ?? null))
  return (
    <>
      <FloatingReactions />
      <div className="room-bar" role="toolbar" aria-label="Hand and reactions" data-testid="room-bar">
        <button
          type="button"
          className="room-bar__button room-bar__hand"
          aria-pressed={handUp}
          disabled={!live}
          data-testid="hand-toggle"
          onClick={() => void (handUp ? signals.lowerHand() : signals.raiseHand()).then(answer)}
        >
          <span aria-hidden="true">✋</span> {handUp ? 'Lower hand' : 'Raise hand'}
        </button>
        {REACTIONS.map((r) => (
          <button
            key={r.id}
            type="button"
            className="room-bar__button"
            aria-label={r.label}
            title={r.label}
            disabled={!live}
            data-testid={`react-${r.id}`}
            onClick={() => void signals.react(r.id).then(answer)}
          >
            <span aria-hidden="true">{r.emoji}</span>
          </button>
        ))}
        <ShortcutSheet facilitator={facilitator} />
        {error && (
          <span className="room-bar__error" role="alert">
            {error}
          </span>
        )}
      </div>
    </>
  )
}
