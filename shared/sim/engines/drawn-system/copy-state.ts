import type { DrawnSystemState } from './model'

/**
 * A copy that `apply` may change in place while the input stays untouched. Cheaper than
 * structuredClone on a 200-box run: scheduled events and plans are never mutated, so they are
 * shared; everything that changes is copied one level deeper.
 */
export function copyState(state: DrawnSystemState): DrawnSystemState {
  const copyArrays = <T extends object>(record: T): T => {
    const out: Record<string, number[] | number> = {}
    for (const [key, value] of Object.entries(record)) out[key] = Array.isArray(value) ? value.slice() : value
    return out as T
  }
  return {
    ...state,
    boxes: state.boxes.map((box) => ({ free: box.free.slice(), pending: box.pending.slice() })),
    // changes, chaos and call settings are replaced whole when they change, never edited
    changes: { ...state.changes },
    chaos: { ...state.chaos },
    callChanges: { ...state.callChanges },
    sourceTokens: { ...state.sourceTokens },
    frames: state.frames.map((frame) => ({ ...frame })),
    events: state.events.slice(),
    spike: state.spike === null ? null : { ...state.spike },
    partition:
      state.partition === null ? null : { a: state.partition.a.slice(), b: state.partition.b.slice() },
    last: copyArrays(state.last),
    totals: copyArrays(state.totals),
    latencyWindow: state.latencyWindow.slice(),
    history: copyArrays(state.history),
    coarse: copyArrays(state.coarse),
  }
}
