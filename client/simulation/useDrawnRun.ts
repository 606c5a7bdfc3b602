import { useEffect, useRef, useState } from 'react'
import {
  advanceDrawnRun,
  type DrawnRun,
  type DrawnRunCursor,
  drawnRunTick,
  startDrawnRun,
} from '../../shared/session/drawn-run'
import { type BoxFigures, drawnBoxFigures, drawnSystemView } from '../../shared/sim/engines/drawn-system/view'
import { hashState } from '../../shared/sim/state-hash'
import type { SimView } from '../../shared/sim/view'

/** What a screen shows of the drawn diagram's run at the tick the server clock gives. */
export interface DrawnRunPicture {
  tick: number
  view: SimView
  figures: Record<string, BoxFigures>
  hash: string
}

/** How often the picture is recomputed (ms): the engine's own 10 ticks per second. */
const FRAME_MS = 100

/**
 * Advances the run's cursor to the tick the server clock gives (`serverClockOffset` added to this
 * screen's clock), so every screen shows the same tick at the same moment without a message per tick.
 */
export function useDrawnRun(run: DrawnRun | null, serverClockOffset: number): DrawnRunPicture | null {
  const cursor = useRef<{ run: DrawnRun; at: DrawnRunCursor } | null>(null)
  const [picture, setPicture] = useState<DrawnRunPicture | null>(null)

  useEffect(() => {
    if (!run) {
      cursor.current = null
      setPicture(null)
      return
    }
    // a new run (another Run) starts from its own tick 0; the same run with new changes keeps going
    if (cursor.current && !sameRun(cursor.current.run, run)) cursor.current = null
    const frame = () => {
      const tick = drawnRunTick(run, Date.now() + serverClockOffset)
      const from = cursor.current?.at ?? startDrawnRun(run)
      if (cursor.current && cursor.current.at.tick === tick && cursor.current.run === run) return
      const at = advanceDrawnRun(from, run, tick)
      cursor.current = { run, at }
      setPicture({
        tick: at.tick,
        view: drawnSystemView(at.state),
        figures: drawnBoxFigures(at.state),
        hash: hashState(at.state),
      })
    }
    frame()
    if (run.pausedAtTick !== null) return
    const timer = window.setInterval(frame, FRAME_MS)
    return () => window.clearInterval(timer)
  }, [run, serverClockOffset])

  return picture
}

function sameRun(a: DrawnRun, b: DrawnRun): boolean {
  return a.seed === b.seed && a.snapshot === b.snapshot
    ? true
    : a.seed === b.seed && JSON.stringify(a.snapshot) === JSON.stringify(b.snapshot)
}
