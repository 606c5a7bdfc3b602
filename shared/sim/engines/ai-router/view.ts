import { formatCount, formatPercent, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import { type AiRouterState, backlogOf } from '../ai-router'

/** The panel and overlay for an AI router state. */
export function aiRouterView(state: AiRouterState): SimView {
  const { totals, lastTick, rules, params } = state
  const backlog = backlogOf(state)
  const requests = Math.max(1, totals.requests)
  const smallShare = (totals.smallEasy + totals.smallHard) / requests
  const costPerRequest = totals.requests === 0 ? 0 : totals.costMicros / totals.requests
  const planSuccess = totals.planner === 0 ? 0 : totals.plansSucceeded / totals.planner
  const escalationRate = totals.escalated / requests
  const oldest = state.queue[0]
  const oldestWait = oldest ? state.tick - oldest.at : 0
  const growing = lastTick.escalated > state.reviewCapacity
  const reviewHealth: Health =
    backlog > 100 ? 'failed' : growing || backlog > state.reviewCapacity ? 'hot' : 'healthy'

  return {
    clock: { value: state.tick, unit: 'hour' },
    nodes: {
      user: { health: 'healthy', badges: [`${formatCount(params.requestsPerTick)} requests/h`] },
      router: {
        health: rules.classifierNoise > 0 ? 'degraded' : 'healthy',
        badges: [
          `threshold ${rules.threshold}`,
          `${formatPercent(smallShare)} to small`,
          ...(rules.classifierNoise > 0 ? [`misfires on ${formatPercent(rules.classifierNoise)}`] : []),
        ],
      },
      'small-model': {
        health: totals.smallHard > 0 ? 'hot' : 'healthy',
        badges: [
          `${formatCount(lastTick.small)}/h`,
          `${formatCount(totals.shallowShipped)} shallow answers shipped`,
        ],
      },
      planner: {
        health: planSuccess > 0 && planSuccess < 0.9 ? 'hot' : 'healthy',
        badges: [
          `${formatCount(lastTick.planner)}/h`,
          `${rules.planSteps} steps`,
          `plans ok ${formatPercent(planSuccess)}`,
        ],
      },
      'output-checker': {
        health: escalationRate > 0.012 ? 'hot' : 'healthy',
        badges: [`escalates ${formatPercent(escalationRate, 2)}`],
      },
      'human-review': {
        health: reviewHealth,
        badges: [
          `${formatCount(backlog)} waiting`,
          `${state.reviewCapacity}/h capacity`,
          ...(oldestWait > 0 ? [`oldest ${oldestWait} h`] : []),
        ],
      },
    },
    edges: {
      [edgeId('user', 'router')]: { rate: params.requestsPerTick, label: `${params.requestsPerTick}/h` },
      [edgeId('router', 'small-model')]: { rate: lastTick.small, label: `${formatCount(lastTick.small)}/h` },
      [edgeId('router', 'planner')]: { rate: lastTick.planner, label: `${formatCount(lastTick.planner)}/h` },
      [edgeId('small-model', 'output-checker')]: { rate: lastTick.small, label: 'draft' },
      [edgeId('planner', 'output-checker')]: { rate: lastTick.planner, label: 'draft' },
      [edgeId('output-checker', 'human-review')]: {
        rate: lastTick.escalated,
        label: `${lastTick.escalated}/h escalated`,
      },
      [edgeId('output-checker', 'user')]: {
        rate: lastTick.answered,
        label: `${formatCount(lastTick.answered)}/h answered`,
      },
      [edgeId('human-review', 'user')]: { rate: lastTick.reviewed, label: `${lastTick.reviewed}/h reviewed` },
    },
    metrics: [
      { id: 'requests', label: 'Requests', value: totals.requests, unit: 'requests' },
      { id: 'small-share', label: 'Share to the small model', value: round(smallShare * 100, 2), unit: '%' },
      {
        id: 'cost-per-request',
        label: 'Blended cost per request',
        value: round(costPerRequest, 1),
        unit: 'µ$',
      },
      { id: 'plan-success', label: 'Whole-plan success', value: round(planSuccess * 100, 2), unit: '%' },
      {
        id: 'escalation-rate',
        label: 'Escalated to a human',
        value: round(escalationRate * 100, 3),
        unit: '%',
      },
      { id: 'escalated', label: 'Escalations since the start', value: totals.escalated, unit: 'items' },
      { id: 'reviewed', label: 'Reviewed', value: totals.reviewed, unit: 'items' },
      { id: 'review-backlog', label: 'Review backlog', value: backlog, unit: 'items' },
      { id: 'oldest-wait', label: 'Oldest item waiting', value: oldestWait, unit: 'h' },
      {
        id: 'shallow-shipped',
        label: 'Hard requests answered shallowly',
        value: totals.shallowShipped,
        unit: 'answers',
      },
    ],
    series: [
      { id: 'review-backlog', label: 'Review backlog', points: state.history.backlog },
      { id: 'escalated-per-hour', label: 'Escalations per hour', points: state.history.escalated },
    ],
    log: state.log,
  }
}
