import { hashItem, type ItemHash } from '../hyperloglog/item-hash'
import { createSketch, type HllSketch, insertHash, mergeSketches } from '../hyperloglog/sketch'
import { createVisitorStream, type StreamPosition } from '../hyperloglog/visitor-stream'

/**
 * The master dataset is the append-only event stream itself: events are page views by visitors
 * (the HyperLogLog scenario's stream), so the events up to any position can be read again at
 * will, and the exact number of distinct visitors up to a position is known (visitors are
 * numbered in order of first appearance: positions [0, p) saw visitors 0 … p.distinct − 1).
 */
export const LAMBDA_HASH: ItemHash = 'murmur3'

/** One realtime-view entry: the speed layer's partial result for `bucketMinutes` minutes of events. */
export interface RealtimeEntry {
  /** First minute the entry covers; it holds events of minutes [start, start + bucketMinutes). */
  start: number
  /** Stream position of the entry's first event; it covers events [from.views, to). */
  from: StreamPosition
  to: number
  /** Events the speed layer counted (events it skipped are not in `sketch`). */
  counted: number
  skipped: number
  sketch: HllSketch
}

/** A published batch view: exact results over every event before `cutoffMinute`. */
export interface BatchView {
  cutoffMinute: number
  cutoff: StreamPosition
  sketch: HllSketch
  publishedAt: number
}

/** A batch run in progress: it reads the master dataset up to the cutoff fixed when it started. */
export interface BatchRun {
  startedAt: number
  cutoffMinute: number
  cutoff: StreamPosition
  /** A run marked to fail publishes nothing. */
  fails: boolean
}

/** The visitor of each event in [from.views, to), in order, with the stream position after it. */
export function* eventsBetween(
  seed: number,
  repeatShare: number,
  from: StreamPosition,
  to: number,
): Generator<{ visitor: string; next: StreamPosition }> {
  const stream = createVisitorStream(seed, repeatShare)
  let position = from
  while (position.views < to) {
    const { visitor, next } = stream(position)
    yield { visitor, next }
    position = next
  }
}

/**
 * The batch view a successful run publishes: the previous view's sketch plus the events between
 * the two cutoffs. A register-wise maximum is associative, so this equals a recompute over the
 * whole master dataset, bit for bit, at a fraction of the cost.
 */
export function recomputeBatchView(
  previous: BatchView,
  run: BatchRun,
  source: { seed: number; repeatShare: number; hashSeed: number },
  publishedAt: number,
): BatchView {
  const added = createSketch(previous.sketch.precision)
  for (const { visitor } of eventsBetween(
    source.seed,
    source.repeatShare,
    previous.cutoff,
    run.cutoff.views,
  )) {
    insertHash(added, hashItem(LAMBDA_HASH, visitor, source.hashSeed))
  }
  return {
    cutoffMinute: run.cutoffMinute,
    cutoff: run.cutoff,
    sketch: mergeSketches(previous.sketch, added),
    publishedAt,
  }
}

/** The speed layer's code drops an event when its visitor hash lands in the skipped share (a filter added in one codebase only). */
export function speedLayerSkips(hash: number, skipPercent: number): boolean {
  return hash % 100 < skipPercent
}

/** Realtime entries the serving merge uses: those at or after the batch cutoff. */
export function entriesAfterCutoff(entries: readonly RealtimeEntry[], cutoffMinute: number): RealtimeEntry[] {
  return entries.filter((entry) => entry.start >= cutoffMinute)
}

/** The union sketch of a batch view and realtime entries (register-wise maximum). */
export function mergedSketch(batch: HllSketch, entries: readonly RealtimeEntry[]): HllSketch {
  return entries.reduce((sketch, entry) => mergeSketches(sketch, entry.sketch), batch)
}
