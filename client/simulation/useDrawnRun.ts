import { useEffect, useState } from 'react'
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
 * One cursor per page, shared by the panel and the canvas overlay, so the engine steps once per
 * tick however many views show the run.
 */
let shared: { run: DrawnRun; at: DrawnRunCursor; picture: DrawnRunPicture } | null = null

/** The picture at `tick`, stepping the page's one cursor only by what is new. */
function pictureAt(run: DrawnRun, tick: number): DrawnRunPicture {
  if (shared?.run === run && shared.at.tick === tick) return shared.picture
  // another Run starts from its own tick 0; the same run with new changes or a resume keeps going
  const from = shared && sameRun(shared.run, run) ? shared.at : startDrawnRun(run)
  const at = advanceDrawnRun(from, run, tick)
  const picture = pictureOf(at)
  shared = { run, at, picture }
  return picture
}

function pictureOf(at: DrawnRunCursor): DrawnRunPicture {
  return {
    tick: at.tick,
    view: drawnSystemView(at.state),
    figures: drawnBoxFigures(at.state),
    hash: hashState(at.state),
  }
}

const endedPictures = new WeakMap<DrawnRun, DrawnRunPicture>()

/**
 * How a run that ended (the session keeps it paused where it stood) looked at its end: run A on
 * the charts. Replayed once per run, as a late joiner replays the current one.
 */
export function endedRunPicture(run: DrawnRun): DrawnRunPicture {
  const known = endedPictures.get(run)
  if (known) return known
  const picture = pictureOf(advanceDrawnRun(startDrawnRun(run), run, run.pausedAtTick ?? 0))
  endedPictures.set(run, picture)
  return picture
}

/**
 * Advances the run to the tick the server clock gives (`serverClockOffset` added to this screen's
 * clock), so every screen shows the same tick at the same moment without a message per tick.
 */
export function useDrawnRun(run: DrawnRun | null, serverClockOffset: number): DrawnRunPicture | null {
  const [picture, setPicture] = useState<DrawnRunPicture | null>(null)
  useEffect(() => {
    if (!run) {
      setPicture(null)
      return
    }
    const frame = () => setPicture(pictureAt(run, drawnRunTick(run, Date.now() + serverClockOffset)))
    frame()
    if (run.pausedAtTick !== null) return
    const timer = window.setInterval(frame, FRAME_MS)
    return () => window.clearInterval(timer)
  }, [run, serverClockOffset])
  return picture
}

function sameRun(a: DrawnRun, b: DrawnRun): boolean {
  return a.seed === b.seed && JSON.stringify(a.snapshot) === JSON.stringify(b.snapshot)
}
