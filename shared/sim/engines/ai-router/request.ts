import type { Random } from '../../random'

/** Where one request went and how it ended. */
export type RequestRoute = 'small-easy' | 'small-hard' | 'planner'

export interface RequestOutcome {
  route: RequestRoute
  /** The output checker escalated the answer to a human. */
  escalated: boolean
  /** A planner run whose every step succeeded (only for the planner route). */
  planSucceeded: boolean
}

export interface RoutingRules {
  /** Requests whose difficulty percentile is below this are hard. */
  hardPercent: number
  /** The router sends a request to the small model when its confidence ≥ threshold. */
  threshold: number
  /** Share of requests the degraded classifier scores at random. */
  classifierNoise: number
  smallEasyFlagRate: number
  smallHardFlagRate: number
  planSteps: number
  stepSuccess: number
}

/**
 * One request: a difficulty percentile d in [0, 100); the classifier's confidence that it is
 * simple is d itself, or a random percentile when the classifier misfires. Small-model answers
 * are escalated at a rate that depends on whether the request was really easy; a planner run
 * succeeds only if all its steps do, and a failed run is escalated.
 */
export function serveRequest(random: Random, rules: RoutingRules): RequestOutcome {
  const difficulty = random.below(100)
  const misfire = random.chance(rules.classifierNoise)
  const confidence = misfire ? random.below(100) : difficulty
  if (confidence >= rules.threshold) {
    const hard = difficulty < rules.hardPercent
    const escalated = random.chance(hard ? rules.smallHardFlagRate : rules.smallEasyFlagRate)
    return { route: hard ? 'small-hard' : 'small-easy', escalated, planSucceeded: false }
  }
  let planSucceeded = true
  for (let step = 0; step < rules.planSteps; step++)
    if (!random.chance(rules.stepSuccess)) planSucceeded = false
  return { route: 'planner', escalated: !planSucceeded, planSucceeded }
}
