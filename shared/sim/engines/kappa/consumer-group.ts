/**
 * A consumer group reading a partitioned log: per partition the next offset to process
 * (`position`), the last committed offset, and the furthest offset ever processed, so
 * re-processing after a crash is counted rather than guessed.
 */
export interface ConsumerGroup {
  name: 'v1' | 'v2'
  /** Catching up at the replay rate (v2 after deploy) or following the head. */
  mode: 'replaying' | 'live'
  position: number[]
  committed: number[]
  highWater: number[]
  processed: number
  reprocessed: number
  /** Offsets deleted by retention before this group read them. */
  lost: number
  /** Per partition, the offset from which this group's output is wrong (v1 with the bug); null when correct. */
  buggyFrom: number[] | null
  /** The group shows as recovering until this tick (after a crash restart). */
  restartedUntil: number
}

export interface Partition {
  /** The next offset to be written: offsets [logStart, head) are readable. */
  head: number
  /** The oldest offset retention has kept. */
  logStart: number
}

/** A group that starts reading every partition at `from` (0 for a new group replaying the whole log). */
export function createGroup(
  name: ConsumerGroup['name'],
  from: readonly number[],
  mode: ConsumerGroup['mode'],
): ConsumerGroup {
  return {
    name,
    mode,
    position: [...from],
    committed: [...from],
    highWater: [...from],
    processed: 0,
    reprocessed: 0,
    lost: 0,
    buggyFrom: null,
    restartedUntil: 0,
  }
}

/** Records behind the head, summed over partitions. */
export function lagOf(group: ConsumerGroup, partitions: readonly Partition[]): number {
  return partitions.reduce((lag, partition, p) => lag + partition.head - (group.position[p] ?? 0), 0)
}

/** Records this group has processed with the bug (its wrong outputs). */
export function wrongOutputs(group: ConsumerGroup): number {
  const { buggyFrom } = group
  if (!buggyFrom) return 0
  return group.highWater.reduce((wrong, high, p) => wrong + Math.max(0, high - (buggyFrom[p] ?? high)), 0)
}

/** Positions that retention has overtaken jump to the log start; the skipped offsets count as lost (in place). */
export function skipDeletedOffsets(group: ConsumerGroup, partitions: readonly Partition[]): void {
  partitions.forEach((partition, p) => {
    const position = group.position[p] ?? 0
    if (position >= partition.logStart) return
    group.lost += partition.logStart - position
    group.position[p] = partition.logStart
  })
}

/** The group reads up to `limits[p]` records from each partition p (in place); re-reads below the high water are counted. */
export function consume(
  group: ConsumerGroup,
  partitions: readonly Partition[],
  limits: readonly number[],
): void {
  skipDeletedOffsets(group, partitions)
  partitions.forEach((partition, p) => {
    const position = group.position[p] ?? 0
    const end = Math.min(partition.head, position + (limits[p] ?? 0))
    const highWater = group.highWater[p] ?? 0
    group.reprocessed += Math.max(0, Math.min(end, highWater) - position)
    group.processed += end - position
    group.position[p] = end
    group.highWater[p] = Math.max(highWater, end)
  })
}

/** Commits every partition's position (in place). */
export function commit(group: ConsumerGroup): void {
  group.committed = [...group.position]
}
