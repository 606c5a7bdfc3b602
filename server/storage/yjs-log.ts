import * as Y from 'yjs'

/** A board's logged updates as one update; a lone entry (a compacted board's snapshot) comes back as stored. */
export function mergeLog(entries: Uint8Array[]): Uint8Array | null {
  const [first] = entries
  if (!first) return null
  if (entries.length === 1) return first
  return Y.mergeUpdates(entries)
}

/** The snapshot that replaces the logged entries read by a compaction, merged with the caller's state. */
export function snapshotOf(logged: Uint8Array[], state?: Uint8Array): Uint8Array {
  return Y.mergeUpdates(state ? [...logged, state] : logged)
}
