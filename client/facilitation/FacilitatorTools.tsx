import { useState } from 'react'
import type { IntentAck } from '../../shared/protocol/session'
import type { SessionIntent } from '../../shared/session/intents'
import { useBoardUi } from '../board/board-context'
import { SpotlightControls } from '../room/SpotlightControls'
import { SummaryDownload } from '../room/SummaryDownload'
import { useLiveSession } from '../session/session-context'

const TIMER_PRESETS = [5, 10, 15] as const

/** Sends an intent and keeps the refusal to show; `busy` while waiting. */
export function useIntentSender() {
  const { connection } = useLiveSession()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async (...intents: SessionIntent[]): Promise<boolean> => {
    setBusy(true)
    setError(null)
    try {
      for (const intent of intents) {
        const ack: IntentAck = await connection.sendIntent(intent)
        if (!ack.ok) {
          setError(ack.message)
          return false
        }
      }
      return true
    } finally {
      setBusy(false)
    }
  }
  return { send, error, setError, busy }
}

/** The facilitator's controls: timer, lock, "Bring everyone here" and "Everyone follow me". */
export function FacilitatorTools() {
  const { connection } = useLiveSession()
  const { editor } = useBoardUi()
  const session = connection.session
  const { send, error, setError, busy } = useIntentSender()
  const [minutes, setMinutes] = useState('10')
  const [note, setNote] = useState<string | null>(null)
  const leading = session?.follow?.leaderId !== undefined && session.follow.leaderId === connection.selfId
  const parsedMinutes = Number(minutes)
  const minutesValid = Number.isInteger(parsedMinutes) && parsedMinutes >= 1 && parsedMinutes <= 60

  const bringHere = async () => {
    if (!editor) return
    const b = editor.getViewportPageBounds()
    const ack = await connection.sendSummon({ x: b.x, y: b.y, w: b.w, h: b.h })
    if (ack.ok) {
      setError(null)
      setNote('Everyone’s view moved to yours.')
    } else setError(ack.message)
  }

  return (
    <section className="facilitator-tools" data-testid="facilitator-tools" aria-label="Facilitator tools">
      <h3 className="sim-heading">Timer</h3>
      <div className="timer-controls">
        {session?.timer ? (
          <>
            {session.timer.pausedRemainingMs === null ? (
              <button
                type="button"
                className="button button--small"
                data-testid="timer-pause"
                disabled={busy}
                onClick={() => void send({ type: 'timer:pause' })}
              >
                Pause
              </button>
            ) : (
              <button
                type="button"
                className="button button--small button--primary"
                data-testid="timer-resume"
                disabled={busy}
                onClick={() => void send({ type: 'timer:resume' })}
              >
                Resume
              </button>
            )}
            <button
              type="button"
              className="button button--small"
              data-testid="timer-add-minute"
              disabled={busy}
              onClick={() => void send({ type: 'timer:add', minutes: 1 })}
            >
              +1 min
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="timer-stop"
              disabled={busy}
              onClick={() => void send({ type: 'timer:stop' })}
            >
              Stop timer
            </button>
          </>
        ) : (
          <>
            {TIMER_PRESETS.map((preset) => (
              <button
                key={preset}
                type="button"
                className="button button--small"
                data-testid={`timer-preset-${preset}`}
                disabled={busy}
                onClick={() => void send({ type: 'timer:start', minutes: preset })}
              >
                {preset} min
              </button>
            ))}
            <form
              className="timer-custom"
              onSubmit={(event) => {
                event.preventDefault()
                if (minutesValid) void send({ type: 'timer:start', minutes: parsedMinutes })
              }}
            >
              <input
                className="timer-custom__input"
                type="number"
                min={1}
                max={60}
                step={1}
                value={minutes}
                aria-label="Timer minutes (1 to 60)"
                data-testid="timer-minutes"
                onChange={(event) => setMinutes(event.target.value)}
              />
              <button
                type="submit"
                className="button button--small button--primary"
                data-testid="timer-start"
                disabled={busy || !minutesValid}
              >
                Start
              </button>
            </form>
          </>
        )}
      </div>

      <h3 className="sim-heading">Everyone’s view</h3>
      <div className="view-controls">
        <button
          type="button"
          className="button button--small"
          data-testid="bring-everyone"
          disabled={!editor}
          onClick={() => void bringHere()}
        >
          Bring everyone here
        </button>
        {leading ? (
          <button
            type="button"
            className="button button--small"
            data-testid="follow-me-stop"
            disabled={busy}
            onClick={() => void send({ type: 'follow:stop' })}
          >
            Stop everyone following
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            data-testid="follow-me"
            disabled={busy}
            onClick={() => void send({ type: 'follow:start' })}
          >
            Everyone follow me
          </button>
        )}
      </div>
      {leading && <p className="muted session-note">Everyone is following your view.</p>}
      <SpotlightControls />

      <label className="lock-toggle">
        <input
          type="checkbox"
          data-testid="lock-editing"
          checked={session?.editingLocked ?? false}
          disabled={busy}
          onChange={(event) => void send({ type: 'editing:lock', locked: event.target.checked })}
        />
        <span>
          Lock editing
          <span className="muted lock-toggle__hint"> · only facilitators can change the board</span>
        </span>
      </label>
      <h3 className="sim-heading">After the session</h3>
      <SummaryDownload />
      {note && !error && (
        <p className="muted session-note" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="session-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
