import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendBounded, appendPoint, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import { burnRate } from './canary/burn-rate'
import { judgeCanary, type Verdict } from './canary/gate'
import {
  addCounts,
  drawTraffic,
  emptyCounts,
  type VersionBehaviour,
  type VersionCounts,
} from './canary/traffic'
import { canaryView } from './canary/view'

export const canaryParamsSchema = z
  .object({
    requestsPerTick: z.number().int().min(1).max(10_000).default(400),
    /** Canary traffic shares (%) that `promote` walks through. */
    steps: z.array(z.number().min(0).max(100)).min(1).max(10).default([5, 25, 50, 100]),
    /** SLO on request success, e.g. 0.999. */
    sloTarget: z.number().gt(0).lt(1).default(0.999),
    /**
     * compare-with-stable judges the canary against stable over the same window (canary analysis);
     * absolute-burn-rate is the older gate on the canary's burn rate alone, kept to show what it misses.
     */
    gate: z.enum(['compare-with-stable', 'absolute-burn-rate']).default('compare-with-stable'),
    /** The comparison rolls back when stable would fail this often by chance less often than this. */
    maxFalseAlarm: z.number().gt(0).lt(1).default(0.001),
    /** The absolute gate's limit on the canary's burn rate. */
    burnRateThreshold: z.number().positive().default(14.4),
    /** Ticks of traffic both versions are compared over. */
    windowTicks: z.number().int().min(1).max(120).default(10),
    /** Canary requests the window needs before any verdict: a handful of requests proves nothing. */
    minWindowRequests: z.number().int().min(1).default(100),
    stableErrorRate: z.number().min(0).max(1).default(0.0005),
    goodErrorRate: z.number().min(0).max(1).default(0.0005),
    badErrorRate: z.number().min(0).max(1).default(0.03),
    /** A subtle regression: far worse than stable, yet under the absolute gate's burn-rate limit. */
    subtleErrorRate: z.number().min(0).max(1).default(0.01),
    autoRollback: z.boolean().default(true),
  })
  .strict()
export type CanaryParams = z.infer<typeof canaryParamsSchema>

export const canaryEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** Shift traffic to the next step (or to `percent`). */
  z.object({ type: z.literal('promote'), percent: z.number().min(0).max(100).optional() }).strict(),
  /** The canary build turns out bad: more errors, slower answers. */
  z.object({ type: z.literal('bad-version') }).strict(),
  /** The canary build fails a little more often than stable, and is as fast. */
  z.object({ type: z.literal('subtle-regression') }).strict(),
  /** An operator sends all traffic back to stable. */
  z.object({ type: z.literal('rollback') }).strict(),
  /** A new canary build at 0%, ready to be promoted again. */
  z
    .object({ type: z.literal('deploy-canary'), quality: z.enum(['good', 'subtle', 'bad']).default('good') })
    .strict(),
  /** Total traffic changes (little traffic makes the canary's sample small and its burn rate noisy). */
  z.object({ type: z.literal('set-traffic'), requestsPerTick: z.number().int().min(1).max(10_000) }).strict(),
])
export type CanaryEvent = z.infer<typeof canaryEventSchema>

export interface WindowTick {
  stable: VersionCounts
  canary: VersionCounts
}

export interface CanaryState {
  params: CanaryParams
  seed: number
  tick: number
  /** Canary traffic share, %. */
  canaryShare: number
  stepIndex: number
  status: 'baking' | 'rolled-back' | 'promoted'
  canaryQuality: 'good' | 'subtle' | 'bad'
  requestsPerTick: number
  /** The last windowTicks ticks of traffic, oldest first. */
  window: WindowTick[]
  rolledBackAt: number | null
  history: { burnRate: number[]; canaryShare: number[] }
  log: string[]
}

export const canaryEngine: SimEngine<CanaryParams, CanaryState, CanaryEvent> = {
  id: 'canary',
  params: canaryParamsSchema,
  events: canaryEventSchema,

  init(params, seed) {
    return {
      params,
      seed,
      tick: 0,
      canaryShare: 0,
      stepIndex: -1,
      status: 'baking',
      canaryQuality: 'good',
      requestsPerTick: params.requestsPerTick,
      window: [],
      rolledBackAt: null,
      history: { burnRate: [], canaryShare: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'promote': {
          if (next.status !== 'baking') {
            log(`promote refused: the canary is ${next.status}`)
            return next
          }
          const stepIndex = event.percent === undefined ? next.stepIndex + 1 : next.stepIndex
          const share = event.percent ?? next.params.steps[stepIndex]
          if (share === undefined) {
            log('promote refused: no further step')
            return next
          }
          next.stepIndex = stepIndex
          next.canaryShare = share
          if (share >= 100) next.status = 'promoted'
          log(share >= 100 ? 'canary promoted to 100%' : `canary at ${share}% of traffic`)
          return next
        }
        case 'bad-version':
          next.canaryQuality = 'bad'
          log('the canary build starts failing requests')
          return next
        case 'subtle-regression':
          next.canaryQuality = 'subtle'
          log('the canary build starts failing a few more requests than stable')
          return next
        case 'rollback':
          rollBack(next, 'operator rollback', log)
          return next
        case 'deploy-canary':
          next.canaryQuality = event.quality
          next.status = 'baking'
          next.canaryShare = 0
          next.stepIndex = -1
          next.window = []
          next.rolledBackAt = null
          log('new canary build deployed at 0%')
          return next
        case 'set-traffic':
          next.requestsPerTick = event.requestsPerTick
          log(`traffic now ${event.requestsPerTick} requests/tick`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: canaryView,
}

/** Stable always behaves: its own error rate, the fast latency profile. */
function stableBehaviour(params: CanaryParams): VersionBehaviour {
  return { errorRate: params.stableErrorRate, latency: 'fast' }
}

/** How the canary behaves now. */
export function canaryBehaviour(state: CanaryState): VersionBehaviour {
  switch (state.canaryQuality) {
    case 'bad':
      return { errorRate: state.params.badErrorRate, latency: 'slow' }
    case 'subtle':
      return { errorRate: state.params.subtleErrorRate, latency: 'fast' }
    case 'good':
      return { errorRate: state.params.goodErrorRate, latency: 'fast' }
    default:
      return unreachable(state.canaryQuality)
  }
}

/** Both versions' counts summed over the burn-rate window. */
export function windowTotals(state: CanaryState): WindowTick {
  return state.window.reduce<WindowTick>(
    (sum, tick) => ({
      stable: addCounts(sum.stable, tick.stable),
      canary: addCounts(sum.canary, tick.canary),
    }),
    { stable: emptyCounts(), canary: emptyCounts() },
  )
}

/** The canary's burn rate over the window. */
export function canaryBurnRate(state: CanaryState): number {
  const { canary } = windowTotals(state)
  return burnRate(canary.errors, canary.requests, state.params.sloTarget)
}

/** The gate's verdict on the current window. */
export function canaryVerdict(state: CanaryState): Verdict {
  return judgeCanary(windowTotals(state), state.params)
}

/** One tick of traffic, then the gate: roll back when the verdict on the window is fail (in place). */
function advanceOneTick(state: CanaryState, log: (line: string) => void): void {
  const { params } = state
  state.tick++
  const random = randomStream(state.seed, 'traffic', state.tick)
  const traffic = drawTraffic(
    random,
    state.requestsPerTick,
    state.canaryShare / 100,
    stableBehaviour(params),
    canaryBehaviour(state),
  )
  state.window = appendBounded(state.window, traffic, params.windowTicks)

  const totals = windowTotals(state)
  const verdict = judgeCanary(totals, params)
  if (params.autoRollback && state.status === 'baking' && state.canaryShare > 0 && verdict.kind === 'fail') {
    rollBack(state, verdict.reason, log)
  }
  const burn = burnRate(totals.canary.errors, totals.canary.requests, params.sloTarget)
  state.history.burnRate = appendPoint(state.history.burnRate, burn)
  state.history.canaryShare = appendPoint(state.history.canaryShare, state.canaryShare)
}

function rollBack(state: CanaryState, reason: string, log: (line: string) => void): void {
  if (state.status === 'rolled-back') return
  state.status = 'rolled-back'
  state.canaryShare = 0
  state.rolledBackAt = state.tick
  log(`rolled back to stable: ${reason}`)
}
