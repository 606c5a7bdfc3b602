import './facilitation.css'
import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useLiveSession } from '../session/session-context'
import { playChime, setChimeWanted, useChimeWanted } from './chime'
import { formatCountdown, remainingMs } from './clock'

const FLASH_MS = 4_000

/**
 * The countdown everyone sees, on the server's clock, large in the board's top bar. Reaching zero
 * flashes the whole screen for a few seconds (and chimes, for those who asked for it); a paused
 * timer says so.
 */
export function SessionTimer() {
  const { connection } = useLiveSession()
  const timer = connection.session?.timer ?? null
  const offset = connection.serverClockOffset
  const paused = timer?.pausedRemainingMs ?? null
  const now = useNow(timer !== null && paused === null)
  const chimeWanted = useChimeWanted()
  const left = timer ? (paused ?? remainingMs(timer.endsAt, now, offset)) : 0
  const done = timer !== null && paused === null && left <= 0
  const flashing = useFlashWhenTimeIsUp(done, chimeWanted)
  if (!timer) return null
  const state = done ? 'done' : paused !== null ? 'paused' : 'running'
  return (
    <>
      <span
        className={`badge session-timer session-timer--${state}`}
        data-testid="session-timer"
        data-state={state}
        role="timer"
        aria-live={done ? 'assertive' : 'off'}
        title="Session timer, the same for everyone"
      >
        <span className="session-timer__dot" aria-hidden="true" />
        {done ? "Time's up" : paused !== null ? `Paused ${formatCountdown(left)}` : formatCountdown(left)}
      </span>
      <button
        type="button"
        className={`session-timer__chime${chimeWanted ? ' session-timer__chime--on' : ''}`}
        aria-pressed={chimeWanted}
        aria-label="Chime on this device when time is up"
        title={chimeWanted ? 'Chime at zero: on (this device)' : 'Chime at zero: off (this device)'}
        onClick={() => setChimeWanted(!chimeWanted)}
        data-testid="timer-chime"
      >
        <BellIcon />
      </button>
      {flashing &&
        createPortal(
          <div className="time-up-flash" data-testid="time-up-flash" aria-hidden="true">
            <span className="time-up-flash__label">Time's up</span>
          </div>,
          document.body,
        )}
    </>
  )
}

/** The local clock, ticking four times a second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    setNow(Date.now())
    const tick = window.setInterval(() => setNow(Date.now()), 250)
    return () => window.clearInterval(tick)
  }, [running])
  return now
}

/**
 * True for a few seconds after the countdown reaches zero on this screen. A page that opens on a
 * timer that ran out earlier shows "Time's up" without flashing: nothing happened just now.
 */
function useFlashWhenTimeIsUp(done: boolean, chime: boolean): boolean {
  const wasDone = useRef(done)
  const chimeWanted = useRef(chime)
  chimeWanted.current = chime
  const [flashing, setFlashing] = useState(false)
  useEffect(() => {
    const justEnded = done && !wasDone.current
    wasDone.current = done
    if (!justEnded) return
    setFlashing(true)
    if (chimeWanted.current) playChime()
    const off = window.setTimeout(() => setFlashing(false), FLASH_MS)
    return () => window.clearTimeout(off)
  }, [done])
  return flashing
}

function BellIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.5L4.5 16h15L18 12.5V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
