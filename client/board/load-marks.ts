/**
 * Performance marks for how a board opens (issue 16), read by tests/e2e/big-board.test.ts: points
 * in time as marks, our own work on the way as measures. Cheap enough to leave on.
 */
export const LOAD_MARK = {
  socketOpen: 'lockstep:socket-open',
  localCopyLoaded: 'lockstep:local-copy-loaded',
  synced: 'lockstep:synced',
  editorMounted: 'lockstep:editor-mounted',
} as const

export const LOAD_MEASURE = {
  /** Reading the board for drawing: migrating and checking every record (`readDrawableBoard`). */
  readBoard: 'lockstep:read-board',
  /** Handing the records to tldraw (`loadStoreSnapshot`, which validates them again). */
  loadStore: 'lockstep:load-store',
} as const

/** Marks a moment of the board's opening. */
export function markLoad(name: (typeof LOAD_MARK)[keyof typeof LOAD_MARK]): void {
  measuring(() => performance.mark(name))
}

/** Runs `work`, recording how long it took under `name`. */
export function measureLoad<T>(name: (typeof LOAD_MEASURE)[keyof typeof LOAD_MEASURE], work: () => T): T {
  const start = performance.now()
  try {
    return work()
  } finally {
    measuring(() => performance.measure(name, { start, end: performance.now() }))
  }
}

/** A measurement never breaks what it measures (an engine without User Timing Level 3, say). */
function measuring(record: () => void): void {
  try {
    record()
  } catch {
    // the figure is lost, the board still opens
  }
}
