import { hashState } from '../sim/state-hash'
import { advanceDrawnRun, type DrawnRun, type DrawnRunCursor, startDrawnRun } from './drawn-run'

/** Ticks whose hashes are kept, for reports that arrive a little late. */
const KEPT = 16

/**
 * The state hash of a drawn run at a tick, as every screen computes it: one cursor per run that
 * only moves forward (as a screen's does), and the last few ticks' hashes, so many reports of the
 * same tick cost one computation. The server checks clients' reports with it.
 */
export class DrawnRunHashes {
  private cursor: { key: string; at: DrawnRunCursor } | null = null
  private readonly known = new Map<string, string>()

  hashAt(run: DrawnRun, tick: number): string {
    const key = runKey(run)
    const remembered = this.known.get(`${key}@${run.events.length}@${tick}`)
    if (remembered) return remembered
    const from = this.cursor?.key === key ? this.cursor.at : startDrawnRun(run)
    const at = advanceDrawnRun(from, run, tick)
    this.cursor = { key, at }
    const hash = hashState(at.state)
    this.known.set(`${key}@${run.events.length}@${tick}`, hash)
    if (this.known.size > KEPT) this.known.delete(this.known.keys().next().value ?? '')
    return hash
  }
}

const keys = new WeakMap<DrawnRun['snapshot'], string>()

/** Which run this is: its seed and snapshot (the same run keeps them through pauses and changes). */
function runKey(run: DrawnRun): string {
  let snapshot = keys.get(run.snapshot)
  if (snapshot === undefined) {
    snapshot = hashState(run.snapshot)
    keys.set(run.snapshot, snapshot)
  }
  return `${run.seed}:${snapshot}`
}
