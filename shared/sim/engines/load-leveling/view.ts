import { formatCount, formatPercent, round } from '../../format'
import { type EdgeView, edgeId, type Health, type NodeView, type SimView } from '../../view'
import type { LoadLevelingState } from '../load-leveling'
import { queueLength } from './message-queue'

/** Workers that can take messages: neither down nor stuck on a poison message. */
export function servingWorkers(state: LoadLevelingState): number {
  return Math.max(0, state.workers - state.downWorkers - state.held.length)
}

/** λ: the rate producers offer from now on (a burst in progress, else the base rate). */
export function offeredRateNow(state: LoadLevelingState): number {
  if (state.forcedBurst) return state.forcedBurst.rate
  return state.seededBurstLeft > 0 ? state.params.burstRate : state.params.arrivalRate
}

/**
 * Ticks until the backlog is gone at today's rates: backlog / (k·μ − λ), with k the serving
 * workers and λ the rate producers offer now; negative when the backlog is not shrinking.
 */
export function drainTimeEstimate(state: LoadLevelingState): number {
  const backlog = queueLength(state.queue)
  if (backlog === 0) return 0
  const headroom = servingWorkers(state) * state.params.serviceRate - offeredRateNow(state)
  return headroom > 0 ? backlog / headroom : -1
}

/** The panel and overlay for a load-leveling state. */
export function loadLevelingView(state: LoadLevelingState): SimView {
  const { params, totals, lastTick, history } = state
  const backlog = queueLength(state.queue)
  const drain = drainTimeEstimate(state)
  const capacityRecent = sum(history.capacity)
  const utilisation = capacityRecent === 0 ? 0 : sum(history.throughput) / capacityRecent
  const meanWait = totals.completed === 0 ? 0 : totals.waitTicks / totals.completed
  // Little's law over the run since tick 0: L (mean messages in system), λ̄ (mean accepted rate), W (mean time in system)
  const meanInSystem = state.tick === 0 ? 0 : totals.inSystemTicks / state.tick
  const acceptedRate = state.tick === 0 ? 0 : totals.accepted / state.tick
  const meanTimeInSystem = totals.completed === 0 ? 0 : totals.sojournTicks / totals.completed
  const throughputWindow = history.throughput.length
  const dropping = lastTick.dropped > 0
  const bursting =
    state.forcedBurst !== null || state.seededBurstLeft > 0 || lastTick.rate > params.arrivalRate

  const queueHealth: Health = dropping ? 'degraded' : backlog > params.queueCapacity / 2 ? 'hot' : 'healthy'
  const serving = servingWorkers(state)
  const poolHealth: Health =
    serving === 0
      ? 'failed'
      : serving < state.workers
        ? 'degraded'
        : state.tick < state.recoveringUntil
          ? 'recovering'
          : utilisation >= 0.9
            ? 'hot'
            : 'healthy'

  const nodes: Record<string, NodeView> = {
    producers: {
      health: dropping ? 'degraded' : bursting ? 'hot' : 'healthy',
      badges: [
        `${formatCount(lastTick.offered)}/tick`,
        ...(dropping ? [`${formatCount(lastTick.dropped)} rejected`] : []),
      ],
    },
    queue: {
      health: queueHealth,
      badges: [
        `${formatCount(backlog)} / ${formatCount(params.queueCapacity)}`,
        `wait ${round(meanWait, 1)} ticks`,
      ],
    },
    workers: {
      health: poolHealth,
      badges: [`${serving}/${state.workers} serving`, `${formatPercent(utilisation, 0)} busy`],
    },
    dlq: {
      health:
        state.maxReceives === null && state.held.length > 0
          ? 'degraded'
          : totals.deadLettered > 0
            ? 'hot'
            : 'healthy',
      badges: [
        state.maxReceives === null ? 'no DLQ' : `after ${state.maxReceives} receives`,
        `${formatCount(totals.deadLettered)} messages`,
      ],
    },
  }
  // workers scaled in keep their box, so a scenario's bindings never lose a node
  const workerBoxes = Math.max(state.workers, params.workers)
  for (let i = 1; i <= workerBoxes; i++) nodes[`worker-${i}`] = workerNode(state, i, utilisation)

  const edges: Record<string, EdgeView> = {
    [edgeId('producers', 'queue')]: {
      rate: lastTick.accepted,
      label: `${formatCount(lastTick.accepted)}/tick`,
    },
    [edgeId('queue', 'workers')]: {
      rate: lastTick.completed,
      label: `${formatCount(lastTick.completed)}/tick`,
    },
    [edgeId('queue', 'dlq')]: { rate: 0, label: `${formatCount(totals.deadLettered)} dead-lettered` },
  }
  // per-worker arrows share the pool's throughput among the workers that can take messages
  for (let i = 1; i <= workerBoxes; i++) {
    const takesMessages = i > state.downWorkers + state.held.length && i <= state.workers
    const rate = takesMessages && serving > 0 ? lastTick.completed / serving : 0
    edges[edgeId('queue', `worker-${i}`)] = { rate: round(rate, 1), label: `${round(rate, 1)}/tick` }
  }

  return {
    clock: { value: state.tick, unit: 'tick' },
    nodes,
    edges,
    metrics: [
      { id: 'backlog', label: 'Backlog', value: backlog, unit: 'messages' },
      {
        id: 'arrival-rate',
        label: 'Offered rate now (λ)',
        value: round(offeredRateNow(state)),
        unit: 'msg/tick',
      },
      {
        id: 'throughput',
        label: `Throughput, mean of the last ${throughputWindow} ticks`,
        value: round(mean(history.throughput)),
        unit: 'msg/tick',
      },
      {
        id: 'accepted-rate',
        label: 'Mean accepted rate since tick 0 (λ̄)',
        value: round(acceptedRate),
        unit: 'msg/tick',
      },
      {
        id: 'mean-time-in-system',
        label: 'Mean time in system since tick 0 (W)',
        value: round(meanTimeInSystem),
        unit: 'ticks',
      },
      {
        id: 'mean-in-system',
        label: 'Mean messages in system since tick 0 (L)',
        value: round(meanInSystem),
        unit: 'messages',
      },
      { id: 'mean-wait', label: 'Mean wait in queue since tick 0', value: round(meanWait), unit: 'ticks' },
      {
        id: 'drain-time',
        label: drain < 0 ? 'Drain time (backlog growing)' : 'Drain time',
        value: round(drain, 1),
        unit: 'ticks',
      },
      { id: 'utilisation', label: 'Worker utilisation', value: round(utilisation * 100, 1), unit: '%' },
      { id: 'dropped', label: 'Rejected', value: totals.dropped, unit: 'messages' },
      {
        id: 'poison-receives',
        label: 'Poison receives (retries)',
        value: totals.poisonReceives,
        unit: 'receives',
      },
      { id: 'dead-lettered', label: 'Dead-lettered', value: totals.deadLettered, unit: 'messages' },
    ],
    series: [
      { id: 'backlog', label: 'Backlog', points: history.backlog },
      { id: 'arrivals', label: 'Arrivals per tick', points: history.arrivals },
      { id: 'served-per-tick', label: 'Served per tick', points: history.throughput },
      {
        id: 'wait',
        label: 'Mean wait of served messages (ticks)',
        points: history.wait.map((wait) => round(wait, 1)),
      },
    ],
    log: state.log,
  }
}

/** Worker i (1-based): the first ones are down, the next ones stuck on poison messages. */
function workerNode(state: LoadLevelingState, index: number, utilisation: number): NodeView {
  if (index > state.workers) return { health: 'healthy', badges: ['scaled in'] }
  if (index <= state.downWorkers) return { health: 'failed', badges: ['down'] }
  const stuck = state.held[index - state.downWorkers - 1]
  if (stuck) return { health: 'degraded', badges: [`stuck on poison #${stuck.id}`] }
  if (state.tick < state.recoveringUntil) return { health: 'recovering', badges: ['warming up'] }
  return { health: utilisation >= 0.9 ? 'hot' : 'healthy', badges: [`μ = ${state.params.serviceRate}/tick`] }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length
}
