/** One second of the serverless order pipeline: arrivals, the accept function, the queue, the process function. */
import { appendBounded, appendPoint, type LogLine } from '../../history'
import { randomStream } from '../../random'
import { drawArrivals } from '../load-leveling/arrivals'
import type { ServerlessState, ServerlessTick } from '../serverless'
import { campaignArrivals, enqueueRun, messageCount, splitRuns, takeOldest } from './order-queue'

/** A second in which nothing happened yet. */
export const emptyTick = (): ServerlessTick => ({
  arrived: 0,
  accepted: 0,
  throttled: 0,
  acceptCopies: 0,
  processCopies: 0,
  connections: 0,
  refused: 0,
  processed: 0,
  failed: 0,
  duplicates: 0,
  coldStarts: 0,
  emailRejected: 0,
})

/** Copies of a message that run when the visibility timeout ends before the run does: ⌈run / timeout⌉. */
export function copiesPerMessage(processMs: number, visibilityTimeoutMs: number): number {
  if (processMs <= visibilityTimeoutMs) return 1
  return visibilityTimeoutMs === 0 ? 2 : Math.ceil(processMs / visibilityTimeoutMs)
}

/** Environments still warm: the most copies a function ran in its recent seconds. */
function warmPool(recent: readonly number[]): number {
  return recent.reduce((most, copies) => Math.max(most, copies), 0)
}

/** One second: orders arrive, the accept function enqueues them, the process function drains (in place). */
export function advanceOneSecond(state: ServerlessState, log: LogLine): void {
  state.tick++
  const t = state.tick
  const { params } = state
  const random = randomStream(state.seed, 'arrivals', t)
  const current = emptyTick()
  const backlogBefore = messageCount(state.queue) + messageCount(state.hidden)

  let campaignOrders = 0
  if (state.campaign) {
    state.campaign.elapsed++
    const { orders, seconds, elapsed } = state.campaign
    campaignOrders = campaignArrivals(orders, seconds, elapsed)
    if (elapsed >= seconds) {
      state.campaign = null
      log('campaign over')
    }
  }
  current.arrived = campaignOrders + drawArrivals(random, state.baseRate)

  // accept: each copy handles one request at a time for acceptMs; copies beyond the quota are throttled
  const lastProcess = state.lastTick.processCopies
  const acceptRoom = Math.max(0, params.accountConcurrency - lastProcess)
  const acceptCapacity = Math.floor((acceptRoom * 1000) / params.acceptMs)
  current.accepted = Math.min(current.arrived, acceptCapacity)
  current.throttled = current.arrived - current.accepted
  current.acceptCopies = Math.ceil((current.accepted * params.acceptMs) / 1000)
  current.coldStarts += Math.max(0, current.acceptCopies - warmPool(state.recentCopies.accept))
  if (current.throttled > 0 && state.lastTick.throttled === 0)
    log('accept function throttled: 429s to clients')

  for (const run of state.hidden.filter((hidden) => hidden.visibleAt <= t)) {
    enqueueRun(state.queue, { sentAt: run.sentAt, count: run.count, receives: run.receives })
  }
  state.hidden = state.hidden.filter((hidden) => hidden.visibleAt > t)
  enqueueRun(state.queue, { sentAt: t, count: current.accepted, receives: 0 })

  processQueue(state, current, log)

  const { totals } = state
  totals.arrived += current.arrived
  totals.accepted += current.accepted
  totals.throttled += current.throttled
  totals.refused += current.refused
  totals.processed += current.processed
  totals.failed += current.failed
  totals.duplicates += current.duplicates
  totals.coldStarts += current.coldStarts
  totals.emailRejected += current.emailRejected
  state.lastTick = current
  state.recentCopies = {
    accept: appendBounded(state.recentCopies.accept, current.acceptCopies, params.idleSeconds),
    process: appendBounded(state.recentCopies.process, current.processCopies, params.idleSeconds),
  }

  const backlog = messageCount(state.queue) + messageCount(state.hidden)
  if (backlog === 0 && backlogBefore > 0) {
    state.drainedAt = t
    log('queue empty')
  }
  const { history } = state
  history.backlog = appendPoint(history.backlog, backlog)
  history.processCopies = appendPoint(history.processCopies, current.processCopies)
  history.oldestAge = appendPoint(history.oldestAge, oldestMessageAge(state))
  history.connections = appendPoint(history.connections, current.connections)
}

/**
 * The process function this second: enough copies to clear the visible queue, capped by its
 * reserved concurrency and the account; cold copies lose their start-up time; copies beyond the
 * database's free connections fail their orders, which come back after the visibility timeout.
 */
function processQueue(state: ServerlessState, current: ServerlessTick, log: LogLine): void {
  const { params } = state
  const visible = messageCount(state.queue)
  const copiesEach = copiesPerMessage(state.processMs, state.visibilityTimeoutMs)
  const workPerOrder = copiesEach * state.processMs
  const wanted = Math.ceil((visible * workPerOrder) / 1000)
  const cap = Math.min(state.processConcurrency ?? wanted, params.accountConcurrency - current.acceptCopies)
  const copies = Math.max(0, Math.min(wanted, cap))
  const cold = Math.max(0, copies - warmPool(state.recentCopies.process))
  current.processCopies = copies
  current.coldStarts += cold

  const freeConnections = Math.max(0, params.dbConnectionLimit - current.acceptCopies)
  current.refused = Math.max(0, copies - freeConnections)
  current.connections = current.acceptCopies + copies - current.refused
  if (current.refused > 0 && state.lastTick.refused === 0)
    log(`database refuses ${current.refused} connections (limit ${params.dbConnectionLimit})`)

  const work = state.workCarry + copies * 1000 - cold * Math.min(params.coldStartMs, 1000)
  const done = Math.min(visible, Math.floor(work / workPerOrder))
  state.workCarry = done === visible ? 0 : work - done * workPerOrder
  const taken = takeOldest(state.queue, done)
  const failing = copies === 0 ? 0 : done - Math.floor((done * (copies - current.refused)) / copies)
  const [, failed] = splitRuns(taken, done - failing)
  current.processed = done - failing
  current.failed = failing
  current.duplicates = current.processed * (copiesEach - 1)
  current.emailRejected = Math.max(0, current.processed - params.emailPerSecond)
  if (copiesEach > 1 && current.duplicates > 0 && state.totals.duplicates === 0)
    log(`visibility timeout shorter than the run: ${copiesEach} copies of each order run in parallel`)

  const hideSeconds = Math.max(1, Math.ceil(state.visibilityTimeoutMs / 1000))
  let deadLettered = 0
  for (const run of failed) {
    const receives = run.receives + 1
    if (receives >= params.maxReceives) deadLettered += run.count
    else state.hidden.push({ ...run, receives, visibleAt: state.tick + hideSeconds })
  }
  state.totals.deadLettered += deadLettered
  if (deadLettered > 0) log(`${deadLettered} order(s) moved to the DLQ after ${params.maxReceives} receives`)
}

/** Seconds since the oldest waiting message was sent (0 with an empty queue). */
export function oldestMessageAge(state: ServerlessState): number {
  const oldest = [...state.queue, ...state.hidden].reduce(
    (first, run) => Math.min(first, run.sentAt),
    Number.POSITIVE_INFINITY,
  )
  return oldest === Number.POSITIVE_INFINITY ? 0 : state.tick - oldest
}
