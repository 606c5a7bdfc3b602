import { formatCount, formatPercent, round } from '../../format'
import { type EdgeView, edgeId, type Health, type Metric, type NodeView, type SimView } from '../../view'
import { latencyMs } from './latency-histogram'
import { CACHE_WARM_TICKS, type DrawnSystemState, resolve, TICK_US, topologyOf } from './model'
import { historySeries } from './run-history'
import { costPerHour } from './tick'

const PER_SECOND = 1_000_000 / TICK_US

/** What the overlay needs per box, as numbers: over the last tick, per second. */
export interface BoxFigures {
  /** Share of the replicas' time the last tick's accepted work takes (0–1, capped). */
  utilisation: number
  queueDepth: number
  arrivalsPerSecond: number
  errorsPerSecond: number
  errorShare: number
}

/** Per-box figures keyed by box id (the shape id), for colouring boxes and queue chips. */
export function drawnBoxFigures(state: DrawnSystemState): Record<string, BoxFigures> {
  const { last } = state
  const { props } = resolve(state)
  const figures: Record<string, BoxFigures> = {}
  state.params.boxes.forEach((box, i) => {
    const replicas = props[i]?.replicas ?? 1
    const arrivals = last.arrivals[i] ?? 0
    const errors = last.errors[i] ?? 0
    figures[box.id] = {
      utilisation: Math.min(1, (last.busyUs[i] ?? 0) / (replicas * TICK_US)),
      queueDepth: last.queue[i] ?? 0,
      arrivalsPerSecond: arrivals * PER_SECOND,
      errorsPerSecond: errors * PER_SECOND,
      errorShare: arrivals === 0 ? 0 : Math.min(1, errors / arrivals),
    }
  })
  return figures
}

/** The panel and overlay for a drawn diagram's run. */
export function drawnSystemView(state: DrawnSystemState): SimView {
  const topology = topologyOf(state.params)
  const now = resolve(state)
  const figures = drawnBoxFigures(state)
  const nodes: Record<string, NodeView> = {}
  state.params.boxes.forEach((box, i) => {
    const chaos = now.chaos[i]
    const props = now.props[i]
    const f = figures[box.id]
    if (!chaos || !props || !f) return
    const warming = chaos.flushedAt !== null && state.tick - chaos.flushedAt < CACHE_WARM_TICKS
    const health: Health = chaos.killed
      ? 'failed'
      : f.errorShare >= 0.5
        ? 'failed'
        : f.errorShare >= 0.01 || chaos.slow > 1
          ? 'degraded'
          : warming
            ? 'recovering'
            : f.utilisation >= 0.85 || f.queueDepth > props.queueLimit / 2
              ? 'hot'
              : 'healthy'
    const badges =
      box.kind === 'client'
        ? [`${formatCount(props.ratePerSecond * (state.spike?.factor ?? 1))}/s`]
        : [`${formatPercent(f.utilisation, 0)} busy`, `queue ${formatCount(f.queueDepth)}`]
    if (f.errorsPerSecond > 0) badges.push(`${formatCount(f.errorsPerSecond)} err/s`)
    if (topology.caching[i] && (state.last.lookups[i] ?? 0) > 0) {
      badges.push(`hit ${formatPercent((state.last.hits[i] ?? 0) / (state.last.lookups[i] ?? 1), 0)}`)
    }
    if (chaos.killed) badges.push('killed')
    nodes[box.id] = { health, badges }
  })

  const edges: Record<string, EdgeView> = {}
  state.params.calls.forEach((call, i) => {
    const id = edgeId(call.from, call.to)
    const rate = (edges[id]?.rate ?? 0) + (state.last.calls[i] ?? 0) * PER_SECOND
    edges[id] = { rate, label: `${formatCount(rate)}/s${now.calls[i]?.mode === 'async' ? ' async' : ''}` }
  })

  const { last } = state
  const done = last.ok + last.failed
  const hits = last.hits.reduce((sum, n) => sum + n, 0)
  const lookups = last.lookups.reduce((sum, n) => sum + n, 0)
  const latency = (id: string, p: number): Metric => {
    const ms = latencyMs(state.latencyWindow, p)
    const label = `p${p} end-to-end (last second)`
    return ms === null
      ? { id, label, value: null, unit: 'ms', hint: 'no successful requests' }
      : { id, label, value: round(ms, 1), unit: 'ms' }
  }
  return {
    clock: { value: state.tick, unit: 'tick (100 ms)' },
    nodes,
    edges,
    metrics: [
      { id: 'throughput', label: 'Throughput (successes)', value: last.ok * PER_SECOND, unit: 'req/s' },
      latency('p50', 50),
      latency('p95', 95),
      latency('p99', 99),
      {
        id: 'error-rate',
        label: 'Error rate',
        value: round(done === 0 ? 0 : (last.failed / done) * 100, 2),
        unit: '%',
      },
      {
        id: 'cache-hit-rate',
        label: 'Cache hit rate',
        value: round(lookups === 0 ? 0 : (hits / lookups) * 100, 1),
        unit: '%',
      },
      { id: 'cost-per-hour', label: 'Cost', value: round(costPerHour(state), 2), unit: '$/h' },
      { id: 'in-flight', label: 'Requests in flight', value: state.frames.length, unit: 'requests' },
      {
        id: 'timeouts',
        label: 'Timeouts',
        value: last.timeouts.reduce((sum, n) => sum + n, 0) * PER_SECOND,
        unit: '/s',
      },
      { id: 'async-done', label: 'Async hand-offs done', value: last.asyncDone * PER_SECOND, unit: '/s' },
    ],
    series: historySeries(state),
    log: state.log,
  }
}
