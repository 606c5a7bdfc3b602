import { formatCount, round } from '../../format'
import { edgeId, type Health, type SimView } from '../../view'
import type { ServerlessState } from '../serverless'
import { messageCount } from './order-queue'
import { copiesPerMessage, oldestMessageAge } from './second'

/** The rate orders will arrive from now on: the campaign's while one runs, else the background rate. */
export function arrivalRateNow(state: ServerlessState): number {
  return state.campaign ? state.campaign.orders / state.campaign.seconds : state.baseRate
}

/**
 * Seconds until the backlog is gone at today's rates: backlog / (throughput − arrival rate),
 * negative while it grows. Throughput counts only copies that get a database connection:
 * copies × 1000 / (run time × copies per order).
 */
export function drainSecondsEstimate(state: ServerlessState): number {
  const backlog = messageCount(state.queue) + messageCount(state.hidden)
  if (backlog === 0) return 0
  const { params } = state
  const cap = Math.min(state.processConcurrency ?? params.accountConcurrency, params.accountConcurrency)
  const connected = Math.min(cap, Math.max(0, params.dbConnectionLimit - state.lastTick.acceptCopies))
  const perOrder = state.processMs * copiesPerMessage(state.processMs, state.visibilityTimeoutMs)
  const headroom = (connected * 1000) / perOrder - arrivalRateNow(state)
  return headroom > 0 ? backlog / headroom : -1
}

/** The panel and overlay for the serverless order flow. */
export function serverlessView(state: ServerlessState): SimView {
  const { params, lastTick: last, totals } = state
  const backlog = messageCount(state.queue) + messageCount(state.hidden)
  const age = oldestMessageAge(state)
  const alarming = age > params.ageAlarmSeconds
  const drain = drainSecondsEstimate(state)
  const needed = (last.arrived * state.processMs) / 1000
  const capped = state.processConcurrency !== null && last.processCopies >= state.processConcurrency
  const copiesEach = copiesPerMessage(state.processMs, state.visibilityTimeoutMs)

  const processHealth: Health =
    last.refused > 0 ? 'failed' : copiesEach > 1 ? 'degraded' : capped ? 'hot' : 'healthy'
  const dbHealth: Health =
    last.refused > 0 ? 'failed' : last.connections > params.dbConnectionLimit * 0.8 ? 'hot' : 'healthy'
  const rate = (value: number, unit = '/s') => ({ rate: value, label: `${formatCount(value)}${unit}` })

  return {
    clock: { value: state.tick, unit: 's' },
    nodes: {
      client: {
        health: last.throttled > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(last.arrived)} orders/s`],
      },
      'http-api': {
        health: last.throttled > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(last.throttled)} throttled/s`],
      },
      'fn-accept': {
        health: last.throttled > 0 ? 'hot' : 'healthy',
        badges: [`${last.acceptCopies} copies`, `${params.acceptMs} ms each`],
      },
      queue: {
        health: alarming ? 'degraded' : backlog > 0 ? 'hot' : 'healthy',
        badges: [`${formatCount(backlog)} waiting`, `oldest ${formatCount(age)} s`],
      },
      'fn-process': {
        health: processHealth,
        badges: [
          `${last.processCopies} copies${state.processConcurrency === null ? ' (no cap)' : ` / ${state.processConcurrency}`}`,
          `${formatCount(last.processed)} orders/s`,
          ...(copiesEach > 1 ? [`${copiesEach} copies per order`] : []),
        ],
      },
      dlq: {
        health: totals.deadLettered > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(totals.deadLettered)} orders`],
      },
      db: {
        health: dbHealth,
        badges: [`${last.connections} / ${params.dbConnectionLimit} connections`, `${last.refused} refused`],
      },
      email: {
        health: last.emailRejected > 0 ? 'degraded' : 'healthy',
        badges: [`${formatCount(last.processed)} / ${params.emailPerSecond} per s`],
      },
      alarms: {
        health: alarming || totals.deadLettered > 0 ? 'failed' : 'healthy',
        badges: [
          alarming ? `oldest message ${formatCount(age)} s > ${params.ageAlarmSeconds} s` : 'queue age OK',
          totals.deadLettered > 0 ? 'DLQ not empty' : 'DLQ empty',
        ],
      },
    },
    edges: {
      [edgeId('client', 'http-api')]: rate(last.arrived),
      [edgeId('http-api', 'fn-accept')]: rate(last.accepted),
      [edgeId('fn-accept', 'db')]: rate(last.accepted),
      [edgeId('fn-accept', 'queue')]: rate(last.accepted),
      [edgeId('queue', 'fn-process')]: rate(last.processed + last.failed),
      [edgeId('queue', 'dlq')]: { rate: 0, label: `${formatCount(totals.deadLettered)} dead-lettered` },
      [edgeId('fn-process', 'db')]: rate(last.processed),
      [edgeId('fn-process', 'email')]: rate(last.processed),
      [edgeId('queue', 'alarms')]: { rate: 0, label: `oldest ${formatCount(age)} s` },
      [edgeId('dlq', 'alarms')]: { rate: 0, label: `depth ${formatCount(totals.deadLettered)}` },
      [edgeId('fn-process', 'alarms')]: { rate: 0, label: `${formatCount(last.refused)} errors` },
    },
    metrics: [
      { id: 'arrival-rate', label: 'Orders arriving', value: last.arrived, unit: 'orders/s' },
      { id: 'throttled', label: 'Throttled (429)', value: totals.throttled, unit: 'requests' },
      { id: 'accept-copies', label: 'Accept copies running', value: last.acceptCopies, unit: 'copies' },
      {
        id: 'needed-copies',
        label: 'Process copies needed (λ × run time)',
        value: round(needed, 1),
        unit: 'copies',
      },
      { id: 'process-copies', label: 'Process copies running', value: last.processCopies, unit: 'copies' },
      { id: 'connections', label: 'Database connections', value: last.connections, unit: 'connections' },
      { id: 'refused', label: 'Connections refused', value: last.refused, unit: 'per s' },
      { id: 'processed', label: 'Orders processed', value: last.processed, unit: 'orders/s' },
      { id: 'backlog', label: 'Backlog', value: backlog, unit: 'orders' },
      { id: 'oldest-age', label: 'Oldest message age', value: age, unit: 's' },
      {
        id: 'drain-time',
        label: drain < 0 ? 'Drain time (backlog growing)' : 'Drain time',
        value: round(drain, 1),
        unit: 's',
      },
      { id: 'dead-lettered', label: 'Dead-lettered', value: totals.deadLettered, unit: 'orders' },
      { id: 'duplicates', label: 'Duplicate runs', value: totals.duplicates, unit: 'runs' },
      { id: 'cold-starts', label: 'Cold starts', value: totals.coldStarts, unit: 'environments' },
      {
        id: 'email-rejected',
        label: 'Emails over the rate limit',
        value: totals.emailRejected,
        unit: 'emails',
      },
    ],
    series: [
      { id: 'backlog', label: 'Backlog', points: state.history.backlog },
      { id: 'process-copies', label: 'Process copies running', points: state.history.processCopies },
      { id: 'oldest-age', label: 'Oldest message age (s)', points: state.history.oldestAge },
      { id: 'connections', label: 'Database connections', points: state.history.connections },
    ],
    log: state.log,
  }
}
