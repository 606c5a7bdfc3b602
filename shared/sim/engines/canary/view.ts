import { formatCount, formatPercent, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import { type CanaryState, windowTotals } from '../canary'
import { burnRate, wilsonInterval } from './burn-rate'
import { baselineErrorRate, judgeCanary, type Verdict } from './gate'
import { latencyQuantile, type VersionCounts } from './traffic'

/** The panel and overlay for a canary state. */
export function canaryView(state: CanaryState): SimView {
  const { params } = state
  const window = windowTotals(state)
  const last = state.window[state.window.length - 1]
  const canaryBurn = burnRate(window.canary.errors, window.canary.requests, params.sloTarget)
  const stableBurn = burnRate(window.stable.errors, window.stable.requests, params.sloTarget)
  const interval = wilsonInterval(window.canary.errors, window.canary.requests)
  const burnLow = interval.low / (1 - params.sloTarget)
  const burnHigh = window.canary.requests === 0 ? 0 : interval.high / (1 - params.sloTarget)
  const p99Stable = latencyQuantile(window.stable.latency, 0.99)
  const p99Canary = latencyQuantile(window.canary.latency, 0.99)
  const verdict = judgeCanary(window, params)
  const failing = verdict.kind === 'fail'
  const expectedErrors =
    window.stable.requests === 0 ? 0 : baselineErrorRate(window.stable) * window.canary.requests
  const canaryHealth: Health =
    state.status === 'rolled-back'
      ? 'failed'
      : failing
        ? 'degraded'
        : window.canary.errors > expectedErrors || p99Canary > p99Stable
          ? 'hot'
          : 'healthy'
  const statusBadge =
    state.status === 'rolled-back'
      ? `rolled back at t=${state.rolledBackAt}`
      : state.status === 'promoted'
        ? 'promoted'
        : `${state.canaryShare}%`

  return {
    clock: { value: state.tick, unit: 'tick' },
    nodes: {
      users: { health: 'healthy', badges: [`${formatCount(state.requestsPerTick)} req/tick`] },
      router: {
        health: 'healthy',
        badges: [`${100 - state.canaryShare}% stable / ${state.canaryShare}% canary`],
      },
      stable: {
        health: stableBurn > 1 ? 'hot' : 'healthy',
        badges: trafficBadges(window.stable, p99Stable),
      },
      canary: {
        health: canaryHealth,
        badges: [statusBadge, ...trafficBadges(window.canary, p99Canary)],
      },
      'rollout-controller': {
        health: state.status === 'rolled-back' ? 'degraded' : 'healthy',
        badges: [rolloutBadge(state), params.autoRollback ? gateBadge(state) : 'manual rollback'],
      },
      'slo-monitor': {
        health: failing ? 'hot' : 'healthy',
        badges: [
          verdictBadge(verdict, params.gate),
          `${formatCount(window.canary.errors)} ${window.canary.errors === 1 ? 'error' : 'errors'}, ${round(expectedErrors, 1)} expected at stable's rate`,
          `burn ${round(canaryBurn, 1)} (95% CI ${round(burnLow, 1)}–${round(burnHigh, 1)})`,
        ],
      },
    },
    edges: {
      [edgeId('users', 'router')]: {
        rate: state.requestsPerTick,
        label: `${formatCount(state.requestsPerTick)}/tick`,
      },
      [edgeId('router', 'stable')]: rateEdge(last?.stable),
      [edgeId('router', 'canary')]: rateEdge(last?.canary),
      [edgeId('stable', 'slo-monitor')]: { rate: 1, label: `burn ${round(stableBurn, 1)}` },
      [edgeId('canary', 'slo-monitor')]: { rate: 1, label: `burn ${round(canaryBurn, 1)}` },
      [edgeId('slo-monitor', 'rollout-controller')]: {
        rate: verdict.kind === 'pass' || verdict.kind === 'fail' ? 1 : 0,
        label: verdict.kind,
      },
      [edgeId('rollout-controller', 'router')]: { rate: 1, label: `${state.canaryShare}% canary` },
    },
    metrics: [
      { id: 'canary-share', label: 'Canary traffic', value: state.canaryShare, unit: '%' },
      {
        id: 'canary-requests',
        label: 'Canary requests in window',
        value: window.canary.requests,
        unit: 'requests',
      },
      {
        id: 'canary-errors',
        label: 'Canary errors in window',
        value: window.canary.errors,
        unit: 'requests',
      },
      {
        id: 'canary-error-rate',
        label: 'Canary error rate',
        value: round(errorRate(window.canary) * 100, 3),
        unit: '%',
      },
      {
        id: 'stable-error-rate',
        label: 'Stable error rate',
        value: round(errorRate(window.stable) * 100, 3),
        unit: '%',
      },
      {
        id: 'expected-canary-errors',
        label: 'Canary errors expected at stable’s rate',
        value: round(expectedErrors, 2),
        unit: 'requests',
      },
      {
        id: 'false-alarm-odds',
        label: 'Odds stable fails this often',
        value:
          verdict.kind === 'pass' || verdict.kind === 'fail' ? roundSignificant(verdict.pValue * 100) : 100,
        unit: '%',
      },
      {
        id: 'min-window-requests',
        label: 'Canary requests before a verdict',
        value: params.minWindowRequests,
        unit: 'requests',
      },
      { id: 'burn-rate', label: 'Canary burn rate', value: round(canaryBurn, 2), unit: '×' },
      { id: 'burn-rate-low', label: 'Burn rate, 95% CI low', value: round(burnLow, 2), unit: '×' },
      { id: 'burn-rate-high', label: 'Burn rate, 95% CI high', value: round(burnHigh, 2), unit: '×' },
      ...(params.gate === 'absolute-burn-rate'
        ? [{ id: 'burn-threshold', label: 'Rollback threshold', value: params.burnRateThreshold, unit: '×' }]
        : []),
      { id: 'p99-stable', label: 'Stable p99 latency', value: p99Stable, unit: 'ms' },
      { id: 'p99-canary', label: 'Canary p99 latency', value: p99Canary, unit: 'ms' },
    ],
    series: [
      {
        id: 'burn-rate',
        label: 'Canary burn rate',
        points: state.history.burnRate.map((point) => round(point, 2)),
      },
      { id: 'canary-share', label: 'Canary traffic (%)', points: state.history.canaryShare },
    ],
    log: state.log,
  }
}

/** Where the rollout stands: the step, or how it ended. */
function rolloutBadge(state: CanaryState): string {
  if (state.status === 'rolled-back') return 'rolled back'
  if (state.status === 'promoted') return 'promoted'
  if (state.stepIndex < 0) return 'waiting at 0%'
  return `step ${state.stepIndex + 1}/${state.params.steps.length} · ${state.canaryShare}%`
}

/** How the gate decides, in a few words. */
function gateBadge(state: CanaryState): string {
  const { params } = state
  return params.gate === 'absolute-burn-rate'
    ? `rolls back above burn ${params.burnRateThreshold}`
    : `rolls back when worse than stable (odds < ${formatPercent(params.maxFalseAlarm, 1)})`
}

/** The verdict on the window, as the monitor's first badge. */
function verdictBadge(verdict: Verdict, gate: CanaryState['params']['gate']): string {
  switch (verdict.kind) {
    case 'no-baseline':
      return 'stable serves nothing: no comparison'
    case 'waiting':
      return `waiting: ${formatCount(verdict.needed)} more canary requests`
    case 'pass':
      return 'no worse than stable'
    case 'fail':
      return gate === 'absolute-burn-rate' ? 'burn rate over the limit' : 'worse than stable'
  }
}

/** Three significant digits: a chance of 0.0004% should not read as 0. */
function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(3))
}

/** Error rate and p99 of a version over the window, or a dash when it served nothing. */
function trafficBadges(counts: VersionCounts, p99: number): string[] {
  if (counts.requests === 0) return ['no traffic']
  return [`errors ${formatPercent(errorRate(counts), 2)}`, `p99 ${p99} ms`]
}

function errorRate(counts: VersionCounts): number {
  return counts.requests === 0 ? 0 : counts.errors / counts.requests
}

function rateEdge(counts: VersionCounts | undefined): { rate: number; label: string } {
  const requests = counts?.requests ?? 0
  return { rate: requests, label: `${formatCount(requests)}/tick` }
}
