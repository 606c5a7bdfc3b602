/**
 * The order queue as runs of messages that arrived in the same second with the same receive
 * count, oldest first, so a backlog of 40,000 stays a few entries while every message keeps its
 * real send time (which the oldest-message-age alarm reads).
 */
export interface QueuedRun {
  sentAt: number
  count: number
  receives: number
}

/** Messages that failed and become visible again when their visibility timeout ends. */
export interface HiddenRun extends QueuedRun {
  visibleAt: number
}

/** Messages in a list of runs. */
export function messageCount(runs: readonly QueuedRun[]): number {
  return runs.reduce((total, run) => total + run.count, 0)
}

/** Adds a run, keeping the queue ordered by send time (in place). */
export function enqueueRun(queue: QueuedRun[], run: QueuedRun): void {
  if (run.count <= 0) return
  let at = queue.length
  while (at > 0 && (queue[at - 1] as QueuedRun).sentAt > run.sentAt) at--
  queue.splice(at, 0, run)
}

/** Takes `count` messages from the head of the queue, oldest first (in place). */
export function takeOldest(queue: QueuedRun[], count: number): QueuedRun[] {
  const taken: QueuedRun[] = []
  let left = count
  while (left > 0 && queue.length > 0) {
    const head = queue[0] as QueuedRun
    const share = Math.min(left, head.count)
    taken.push({ ...head, count: share })
    left -= share
    if (share === head.count) queue.shift()
    else queue[0] = { ...head, count: head.count - share }
  }
  return taken
}

/** Splits runs into the first `count` messages and the rest, in order. */
export function splitRuns(runs: readonly QueuedRun[], count: number): [QueuedRun[], QueuedRun[]] {
  const first: QueuedRun[] = []
  const rest: QueuedRun[] = []
  let left = count
  for (const run of runs) {
    const share = Math.min(left, run.count)
    if (share > 0) first.push({ ...run, count: share })
    if (run.count > share) rest.push({ ...run, count: run.count - share })
    left -= share
  }
  return [first, rest]
}

/**
 * Orders sent in second `elapsed` (1-based) of a campaign of `total` orders spread over `seconds`:
 * ⌊total·k/seconds⌋ − ⌊total·(k−1)/seconds⌋, integers that add up to exactly `total`.
 */
export function campaignArrivals(total: number, seconds: number, elapsed: number): number {
  if (elapsed < 1 || elapsed > seconds) return 0
  return Math.floor((total * elapsed) / seconds) - Math.floor((total * (elapsed - 1)) / seconds)
}
