import { useEffect, useRef } from 'react'
import type { DrawnRun } from '../../shared/session/drawn-run'
import type { StateReport } from '../../shared/session/intents'
import { type DrawnRunPicture, replayDrawnRunFromStart } from './useDrawnRun'

/**
 * Lets the server check this screen's run (as it checks a scenario's): the hash at each check
 * tick while it plays, or at the tick it is paused at, reported once per seq and tick. When the
 * server finds it off, it sends the same state again (same seq): the run is replayed from tick 0.
 */
export function useDrawnRunCheck(
  picture: DrawnRunPicture | null,
  run: DrawnRun,
  paused: boolean,
  seq: number | null,
  sessionState: object | null,
  report: (report: StateReport) => void,
): void {
  const last = useRef<{ seq: number; state: object } | null>(null)
  if (seq !== null && sessionState) {
    if (last.current?.seq === seq && last.current.state !== sessionState) replayDrawnRunFromStart()
    last.current = { seq, state: sessionState }
  }

  const reported = useRef<string | null>(null)
  // A new session state arrives a render before the picture of its run: until then the picture on
  // screen was hashed without the latest change, and must not be reported under the new seq.
  const current = picture !== null && picture.run === run ? picture : null
  const check =
    paused && current?.hash ? { tick: current.tick, hash: current.hash } : (current?.check ?? null)
  const tick = check?.tick
  const hash = check?.hash
  useEffect(() => {
    if (tick === undefined || hash === undefined || seq === null) return
    const key = `${seq}:${tick}`
    if (reported.current === key) return
    reported.current = key
    report({ seq, tick, hash })
  }, [tick, hash, seq, report])
}
