import { z } from 'zod'
import { type SimEngine, tickEventSchema, unreachable } from '../engine'
import { appendPoint, type LogLine, onCopy, tickStamp } from '../history'
import { randomStream } from '../random'
import { type RoutingRules, serveRequest } from './ai-router/request'
import { aiRouterView } from './ai-router/view'

const shareSchema = z.number().min(0).max(1)

export const aiRouterParamsSchema = z
  .object({
    /** Requests per tick (a tick is an hour). */
    requestsPerTick: z.number().int().min(1).max(20_000).default(1_000),
    hardPercent: z.number().int().min(0).max(100).default(20),
    threshold: z.number().int().min(0).max(100).default(20),
    /** Cost of one request, in millionths of a dollar. */
    smallCost: z.number().int().min(0).max(1_000_000).default(300),
    largeCost: z.number().int().min(0).max(1_000_000).default(12_000),
    smallEasyFlagRate: shareSchema.default(0.0025),
    smallHardFlagRate: shareSchema.default(0.5),
    planSteps: z.number().int().min(1).max(50).default(4),
    stepSuccess: shareSchema.default(0.99),
    /** Escalations the reviewers clear per tick. */
    reviewCapacity: z.number().int().min(0).max(10_000).default(12),
  })
  .strict()
export type AiRouterParams = z.infer<typeof aiRouterParamsSchema>

export const aiRouterEventSchema = z.discriminatedUnion('type', [
  tickEventSchema,
  /** The difficulty classifier misfires on `noise` of requests (0 restores it). */
  z.object({ type: z.literal('degrade-classifier'), noise: shareSchema }).strict(),
  z.object({ type: z.literal('set-threshold'), threshold: z.number().int().min(0).max(100) }).strict(),
  z.object({ type: z.literal('set-plan-steps'), steps: z.number().int().min(1).max(50) }).strict(),
  z.object({ type: z.literal('set-review-capacity'), perTick: z.number().int().min(0).max(10_000) }).strict(),
])
export type AiRouterEvent = z.infer<typeof aiRouterEventSchema>

export interface AiRouterTotals {
  requests: number
  smallEasy: number
  smallHard: number
  planner: number
  plansSucceeded: number
  escalated: number
  reviewed: number
  /** Hard requests answered by the small model that the checker let through. */
  shallowShipped: number
  costMicros: number
}

export interface AiRouterState {
  params: AiRouterParams
  seed: number
  tick: number
  rules: RoutingRules
  reviewCapacity: number
  /** The review queue, oldest first: escalations waiting per tick of arrival. */
  queue: { at: number; count: number }[]
  totals: AiRouterTotals
  lastTick: { small: number; planner: number; escalated: number; reviewed: number; answered: number }
  history: { backlog: number[]; escalated: number[] }
  log: string[]
}

export const aiRouterEngine: SimEngine<AiRouterParams, AiRouterState, AiRouterEvent> = {
  id: 'ai-router',
  params: aiRouterParamsSchema,
  events: aiRouterEventSchema,

  init(params, seed) {
    return {
      params,
      seed,
      tick: 0,
      rules: {
        hardPercent: params.hardPercent,
        threshold: params.threshold,
        classifierNoise: 0,
        smallEasyFlagRate: params.smallEasyFlagRate,
        smallHardFlagRate: params.smallHardFlagRate,
        planSteps: params.planSteps,
        stepSuccess: params.stepSuccess,
      },
      reviewCapacity: params.reviewCapacity,
      queue: [],
      totals: {
        requests: 0,
        smallEasy: 0,
        smallHard: 0,
        planner: 0,
        plansSucceeded: 0,
        escalated: 0,
        reviewed: 0,
        shallowShipped: 0,
        costMicros: 0,
      },
      lastTick: { small: 0, planner: 0, escalated: 0, reviewed: 0, answered: 0 },
      history: { backlog: [], escalated: [] },
      log: [],
    }
  },

  apply(state, event) {
    return onCopy(state, tickStamp, (next, log) => {
      switch (event.type) {
        case 'tick':
          for (let step = 0; step < event.steps; step++) advanceOneTick(next, log)
          return next
        case 'degrade-classifier':
          next.rules.classifierNoise = event.noise
          log(
            event.noise === 0
              ? 'classifier restored'
              : `classifier degraded: ${event.noise * 100}% of requests scored at random`,
          )
          return next
        case 'set-threshold':
          next.rules.threshold = event.threshold
          log(
            `router threshold now ${event.threshold}: confidence ≥ ${event.threshold} goes to the small model`,
          )
          return next
        case 'set-plan-steps':
          next.rules.planSteps = event.steps
          log(`plans now take ${event.steps} steps`)
          return next
        case 'set-review-capacity':
          next.reviewCapacity = event.perTick
          log(`reviewers now clear ${event.perTick} items per hour`)
          return next
        default:
          return unreachable(event)
      }
    })
  },

  view: aiRouterView,
}

/** Items waiting for a human. */
export function backlogOf(state: AiRouterState): number {
  return state.queue.reduce((total, entry) => total + entry.count, 0)
}

/** One hour: every request is routed and answered or escalated, then reviewers clear the oldest items (in place). */
function advanceOneTick(state: AiRouterState, log: LogLine): void {
  const tick = state.tick + 1
  state.tick = tick
  const random = randomStream(state.seed, 'requests', tick)
  const { params, totals } = state
  const last = { small: 0, planner: 0, escalated: 0, reviewed: 0, answered: 0 }
  for (let i = 0; i < params.requestsPerTick; i++) {
    const outcome = serveRequest(random, state.rules)
    totals.requests++
    if (outcome.route === 'planner') {
      totals.planner++
      last.planner++
      totals.costMicros += params.largeCost
      if (outcome.planSucceeded) totals.plansSucceeded++
    } else {
      last.small++
      totals.costMicros += params.smallCost
      if (outcome.route === 'small-easy') totals.smallEasy++
      else {
        totals.smallHard++
        if (!outcome.escalated) totals.shallowShipped++
      }
    }
    if (outcome.escalated) last.escalated++
    else last.answered++
  }
  totals.escalated += last.escalated
  if (last.escalated > 0) state.queue.push({ at: tick, count: last.escalated })

  let capacity = state.reviewCapacity
  while (capacity > 0 && state.queue.length > 0) {
    const oldest = state.queue[0] as { at: number; count: number }
    const taken = Math.min(capacity, oldest.count)
    oldest.count -= taken
    capacity -= taken
    last.reviewed += taken
    if (oldest.count === 0) state.queue.shift()
  }
  totals.reviewed += last.reviewed
  const backlog = backlogOf(state)
  const previous = state.history.backlog[state.history.backlog.length - 1] ?? 0
  if (backlog >= 100 && previous < 100) log('review backlog passed 100 items')
  state.lastTick = last
  state.history.backlog = appendPoint(state.history.backlog, backlog)
  state.history.escalated = appendPoint(state.history.escalated, last.escalated)
}
