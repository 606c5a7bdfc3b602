import { CALL_EDGES } from './topology'
/** Circuit-breaker settings, shared by every caller → callee edge. */
export interface BreakerConfig {
  enabled: boolean
  /** The caller → callee edges that have a breaker. */
  edges: string[]
  /** Share of failed calls in the window that opens the breaker. */
  failureRate: number
  /** Calls the window needs before the breaker judges. */
  minCalls: number
  windowTicks: number
  /** Ticks the breaker stays open (failing calls at once) before it lets probes through. */
  openTicks: number
  /** Successful probes in a row that close it again. */
  probes: number
}

/** One edge's breaker: closed (calls pass), open (calls fail at once), half-open (a few probes pass). */
export interface Breaker {
  status: 'closed' | 'open' | 'half-open'
  openedAt: number
  /** Results per tick over the window, newest last. */
  window: { ok: number; failed: number }[]
  probesInFlight: number
  probeSuccesses: number
  shed: number
}

export function closedBreaker(): Breaker {
  return { status: 'closed', openedAt: 0, window: [], probesInFlight: 0, probeSuccesses: 0, shed: 0 }
}

/** Whether a call may pass now; a refused call counts as shed (in place). */
export function allowCall(breaker: Breaker, config: BreakerConfig): boolean {
  if (breaker.status === 'closed') return true
  if (breaker.status === 'half-open' && breaker.probesInFlight < config.probes) {
    breaker.probesInFlight++
    return true
  }
  breaker.shed++
  return false
}

/** Records the result of a call that passed (in place). */
export function recordResult(breaker: Breaker, config: BreakerConfig, ok: boolean, tick: number): void {
  const bucket = breaker.window[breaker.window.length - 1]
  if (bucket) {
    if (ok) bucket.ok++
    else bucket.failed++
  }
  if (!config.enabled || breaker.status !== 'half-open') return
  breaker.probesInFlight = Math.max(0, breaker.probesInFlight - 1)
  if (!ok) open(breaker, tick)
  else if (++breaker.probeSuccesses >= config.probes) {
    breaker.status = 'closed'
    breaker.window = [{ ok: 0, failed: 0 }]
  }
}

/** Starts a tick's bucket and moves an open breaker to half-open when its time is up (in place). */
export function startTick(breaker: Breaker, config: BreakerConfig, tick: number): void {
  breaker.window = [...breaker.window, { ok: 0, failed: 0 }].slice(-config.windowTicks)
  if (breaker.status === 'open' && tick >= breaker.openedAt + config.openTicks) {
    breaker.status = 'half-open'
    breaker.probesInFlight = 0
    breaker.probeSuccesses = 0
  }
}

/** Opens a closed breaker whose window failed too often; returns true when it just opened (in place). */
export function judge(breaker: Breaker, config: BreakerConfig, tick: number): boolean {
  if (!config.enabled || breaker.status !== 'closed') return false
  const ok = breaker.window.reduce((sum, bucket) => sum + bucket.ok, 0)
  const failed = breaker.window.reduce((sum, bucket) => sum + bucket.failed, 0)
  if (ok + failed < config.minCalls || failed < config.failureRate * (ok + failed)) return false
  open(breaker, tick)
  return true
}

function open(breaker: Breaker, tick: number): void {
  breaker.status = 'open'
  breaker.openedAt = tick
  breaker.probesInFlight = 0
  breaker.probeSuccesses = 0
}

/** Closed breakers on the configured edges that exist (only those are kept in state). */
export function breakersFor(edges: readonly string[]): Record<string, Breaker> {
  return Object.fromEntries(
    edges.filter((edge) => CALL_EDGES.includes(edge)).map((edge) => [edge, closedBreaker()]),
  )
}
