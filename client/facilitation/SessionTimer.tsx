import './facilitation.css'
import { useEffect, useState } from 'react'
import { useLiveSession } from '../session/session-context'
import { formatCountdown, remainingMs } from './clock'

/** The countdown everyone sees, on the server's clock; shown in the board's top bar. */
export function SessionTimer() {
  const { connection } = useLiveSession()
  const timer = connection.session?.timer ?? null
  const offset = connection.serverClockOffset
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!timer) return
    setNow(Date.now())
    const tick = window.setInterval(() => setNow(Date.now()), 250)
    return () => window.clearInterval(tick)
  }, [timer])
  if (!timer) return null
  const left = remainingMs(timer.endsAt, now, offset)
  const done = left <= 0
  return (
    <span
      className={`badge session-timer${done ? ' session-timer--done' : ''}`}
      data-testid="session-timer"
      role="timer"
      aria-live={done ? 'polite' : 'off'}
      title="Session timer, the same for everyone"
    >
      <span className="session-timer__dot" aria-hidden="true" />
      {done ? "Time's up" : formatCountdown(left)}
    </span>
  )
}
