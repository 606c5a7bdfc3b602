import { formatCount, formatPercent, round } from '../../format'
import { type EdgeView, edgeId, type Health, type NodeView, type SimView } from '../../view'
import type { CallChainState } from '../call-chain'
import type { TickCounts } from './calls'
import {
  attemptsPerRequest,
  CALL_EDGES,
  DEPENDENCIES,
  ENDPOINT_IDS,
  ENDPOINTS,
  type EndpointId,
  SERVICES,
} from './topology'

/** Share of an endpoint's finished requests that succeeded over the recent window (1 with none). */
export function successRate(state: CallChainState, endpoint: EndpointId): number {
  const recent = state.history[endpoint].slice(-10)
  return recent.length === 0 ? 1 : recent.reduce((sum, rate) => sum + rate, 0) / recent.length
}

/** Availability of an endpoint's chain if every hop fails independently: the product of theirs. */
export function chainAvailability(state: CallChainState, endpoint: EndpointId): number {
  return ENDPOINTS[endpoint].reduce((product, hop) => product * state.availability[hop], 1)
}

/** Attempts that reached the card processor per checkout request so far. */
export function processorAttemptsPerCheckout(totals: TickCounts): number {
  const arrived = totals.arrived.checkout
  return arrived === 0 ? 0 : (totals.attempts['payments->card-processor'] ?? 0) / arrived
}

/** The panel and overlay for the synchronous call chains behind the gateway. */
export function callChainView(state: CallChainState): SimView {
  const last = state.lastTick
  const rates = Object.fromEntries(ENDPOINT_IDS.map((e) => [e, successRate(state, e)])) as Record<
    EndpointId,
    number
  >
  const health = (rate: number): Health => (rate < 0.5 ? 'failed' : rate < 0.99 ? 'degraded' : 'healthy')

  const nodes: Record<string, NodeView> = {
    clients: {
      health: health(Math.min(...Object.values(rates))),
      badges: ENDPOINT_IDS.map((e) => `/${e} ${formatPercent(rates[e], 0)} ok`),
    },
  }
  for (const service of SERVICES) {
    const used = state.inFlight[service] ?? 0
    const pool = state.pools[service]
    const refused = Object.entries(last.rejected)
      .filter(([edge]) => edge.endsWith(`->${service}`))
      .reduce((sum, [, count]) => sum + count, 0)
    nodes[service] = {
      health: used >= pool ? 'failed' : used >= pool * 0.8 ? 'hot' : 'healthy',
      badges: [
        `${formatCount(used)}/${formatCount(pool)} threads`,
        ...(refused > 0 ? [`${formatCount(refused)} refused/tick`] : []),
      ],
    }
  }
  for (const dependency of DEPENDENCIES) {
    const slow = state.latency[dependency] > state.params.latency[dependency]
    nodes[dependency] = {
      health: state.availability[dependency] < 1 ? 'degraded' : slow ? 'hot' : 'healthy',
      badges: [
        `${state.latency[dependency] * 100} ms`,
        `${formatCount(state.inFlight[dependency] ?? 0)} in flight`,
      ],
    }
  }

  const edges: Record<string, EdgeView> = {
    [edgeId('clients', 'api-gateway')]: {
      rate: ENDPOINT_IDS.reduce((sum, e) => sum + last.arrived[e], 0),
      label: `${formatCount(ENDPOINT_IDS.reduce((sum, e) => sum + last.arrived[e], 0) * 10)}/s`,
    },
  }
  for (const edge of CALL_EDGES) {
    const attempts = last.attempts[edge] ?? 0
    const breaker = state.breakers[edge]
    const status =
      state.breaker.enabled && breaker && breaker.status !== 'closed' ? ` (breaker ${breaker.status})` : ''
    edges[edge] = { rate: attempts, label: `${formatCount(attempts * 10)} calls/s${status}` }
  }

  const checkoutLatency =
    state.totals.succeeded.checkout === 0
      ? 0
      : state.totals.latencyTicks.checkout / state.totals.succeeded.checkout
  return {
    clock: { value: state.tick, unit: 'tick (100 ms)' },
    nodes,
    edges,
    metrics: [
      ...ENDPOINT_IDS.map((e) => ({
        id: `${e}-success`,
        label: `/${e} success (last second)`,
        value: round(rates[e] * 100, 1),
        unit: '%',
      })),
      {
        id: 'orders-in-flight',
        label: 'Orders threads in use',
        value: state.inFlight.orders ?? 0,
        unit: 'threads',
      },
      {
        id: 'gateway-in-flight',
        label: 'Gateway threads in use',
        value: state.inFlight['api-gateway'] ?? 0,
        unit: 'threads',
      },
      {
        id: 'attempts-per-checkout',
        label: 'Processor attempts per checkout',
        value: round(processorAttemptsPerCheckout(state.totals), 2),
        unit: 'attempts',
      },
      {
        id: 'worst-case-attempts',
        label: 'Worst case: ∏ (1 + retries)',
        value: attemptsPerRequest('checkout', state.retries),
        unit: 'attempts',
      },
      {
        id: 'checkout-availability',
        label: 'Checkout chain availability ∏ aᵢ',
        value: round(chainAvailability(state, 'checkout') * 100, 3),
        unit: '%',
      },
      {
        id: 'checkout-latency',
        label: 'Mean checkout time (successes)',
        value: round(checkoutLatency * 100),
        unit: 'ms',
      },
      {
        id: 'shed',
        label: 'Calls failed fast by breakers',
        value: CALL_EDGES.reduce((sum, edge) => sum + (state.breakers[edge]?.shed ?? 0), 0),
        unit: 'calls',
      },
    ],
    series: [
      ...ENDPOINT_IDS.map((e) => ({
        id: `${e}-tick-success`,
        label: `/${e} success per tick of 100 ms (%)`,
        points: state.history[e].map((r) => round(r * 100, 1)),
      })),
      { id: 'orders-in-flight', label: 'Orders threads in use', points: state.history.ordersInFlight },
    ],
    log: state.log,
  }
}
