import { useEffect, useState } from 'react'
import {
  advanceDrawnRun,
  type DrawnRun,
  type DrawnRunCursor,
  drawnRunTick,
  startDrawnRun,
} from '../../shared/session/drawn-run'
import { cutCalls } from '../../shared/sim/engines/drawn-system/cut-calls'
import { type BoxFigures, drawnBoxFigures, drawnSystemView } from '../../shared/sim/engines/drawn-system/view'
import { hashState } from '../../shared/sim/state-hash'
import type { SimView } from '../../shared/sim/view'

/** What a screen shows of the drawn diagram's run at the tick the server clock gives. */
export interface DrawnRunPicture {
  /** The run this picture is of (a new session state brings a new one): a check is reported only for its own run. */
  run: DrawnRun
  tick: number
  view: SimView
  figures: Record<string, BoxFigures>
  /** Ids of the calls a partition cuts now. */
  cut: string[]
  /** The state's hash, for a paused run only: a playing run reports only its check ticks (hashing every tick cost more than stepping). */
  hash: string | null
  /** The hash at the last tick that is a multiple of CHECK_EVERY_TICKS: what every screen reports. */
  check: { tick: number; hash: string } | null
}

/** Every screen reports its hash at these ticks (the same ticks everywhere, so the server computes each once). */
export const CHECK_EVERY_TICKS = 50

/** How often the picture is recomputed (ms): the engine's own 10 ticks per second. */
const FRAME_MS = 100

/**
 * One cursor per page, shared by the panel and the canvas overlay, so the engine steps once per
 * tick however many views show the run.
 */
let shared: { run: DrawnRun; at: DrawnRunCursor; picture: DrawnRunPicture } | null = null

/** The server found this screen's run off (it resent the state): replay it from tick 0. */
export function replayDrawnRunFromStart(): void {
  shared = null
}

/** The picture at `tick`, stepping the page's one cursor only by what is new. Exported for tests. */
export function pictureAt(run: DrawnRun, tick: number): DrawnRunPicture {
  if (shared?.run === run && shared.at.tick === tick) return shared.picture
  // another Run starts from its own tick 0; the same run with new changes or a resume keeps going
  const same = shared && sameRun(shared.run, run) ? shared : null
  let from = same ? same.at : startDrawnRun(run)
  let check = same && checkStillHolds(same.picture.check, same.run, run) ? same.picture.check : null
  // stop at the check tick on the way, so every screen hashes the same ticks
  const mark = Math.floor(tick / CHECK_EVERY_TICKS) * CHECK_EVERY_TICKS
  if (mark > 0 && check?.tick !== mark) {
    // a change that arrived after this screen passed its tick (a slow network): replay to the mark
    if (from.tick > mark) from = startDrawnRun(run)
    from = advanceDrawnRun(from, run, mark)
    check = { tick: mark, hash: hashState(from.state) }
  }
  const at = advanceDrawnRun(from, run, tick)
  const picture = pictureOf(run, at, check, run.pausedAtTick !== null)
  shared = { run, at, picture }
  return picture
}

/**
 * Whether a check hashed for `before` holds for `run` too: changes are only ever appended, so it
 * does unless one of the new ones applies at or before its tick.
 */
function checkStillHolds(check: DrawnRunPicture['check'], before: DrawnRun, run: DrawnRun): boolean {
  if (!check) return false
  return run.events.slice(before.events.length).every(({ atTick }) => atTick > check.tick)
}

function pictureOf(
  run: DrawnRun,
  at: DrawnRunCursor,
  check: DrawnRunPicture['check'],
  paused: boolean,
): DrawnRunPicture {
  return {
    run,
    tick: at.tick,
    view: drawnSystemView(at.state),
    figures: drawnBoxFigures(at.state),
    cut: cutCalls(at.state),
    hash: paused ? hashState(at.state) : null,
    check,
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
  const picture = pictureOf(run, advanceDrawnRun(startDrawnRun(run), run, run.pausedAtTick ?? 0), null, true)
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
  // the same object every tick while it plays: no need to compare 600 shapes as JSON
  if (a === b) return true
  return a.seed === b.seed && JSON.stringify(a.snapshot) === JSON.stringify(b.snapshot)
}
