/** One tick (100 ms) of the call chain, in place: the engine's clock. */
import { appendPoint, type LogLine } from '../../history'
import { randomStream } from '../../random'
import type { CallChainState } from '../call-chain'
import { drawArrivals } from '../load-leveling/arrivals'
import { judge, startTick } from './breaker'
import { CallTable, type TickCounts } from './calls'
import { ENDPOINT_IDS } from './topology'

/** Counts of a tick in which nothing happened yet. */
export function emptyCounts(): TickCounts {
  const perEndpoint = () => ({ checkout: 0, history: 0, stock: 0 })
  return {
    arrived: perEndpoint(),
    succeeded: perEndpoint(),
    failed: perEndpoint(),
    latencyTicks: perEndpoint(),
    attempts: {},
    rejected: {},
    timeouts: {},
  }
}

/** One tick (100 ms): due answers, expired deadlines, new client requests, breaker judgements (in place). */
export function advanceOneTick(state: CallChainState, log: LogLine): void {
  state.tick++
  const tick = state.tick
  const random = randomStream(state.seed, 'tick', tick)
  const counts = emptyCounts()
  for (const breaker of Object.values(state.breakers)) startTick(breaker, state.breaker, tick)

  const table = new CallTable(state, random, counts)
  table.answerDue(tick)
  table.expireDeadlines(tick)
  // requests from all endpoints interleave, so none gets first pick of the threads freed this tick
  const arrivals = ENDPOINT_IDS.map((endpoint) => drawArrivals(random, state.rates[endpoint]))
  for (let round = 0; round < Math.max(...arrivals); round++) {
    ENDPOINT_IDS.forEach((endpoint, i) => {
      if (round < (arrivals[i] ?? 0)) table.arrive(endpoint, tick)
    })
  }
  state.calls = table.remaining()
  state.inFlight = Object.fromEntries(table.inPool)

  for (const [edge, breaker] of Object.entries(state.breakers)) {
    if (judge(breaker, state.breaker, tick)) log(`breaker on ${edge} opened: failing fast`)
  }
  for (const [edge, rejected] of Object.entries(counts.rejected)) {
    if (rejected > 0 && !(state.lastTick.rejected[edge] ?? 0))
      log(`${edge}: calls refused (pool, bulkhead or breaker)`)
  }
  state.lastTick = counts
  addCounts(state.totals, counts)
  for (const endpoint of ENDPOINT_IDS) {
    const done = counts.succeeded[endpoint] + counts.failed[endpoint]
    state.history[endpoint] = appendPoint(
      state.history[endpoint],
      done === 0 ? 1 : counts.succeeded[endpoint] / done,
    )
  }
  state.history.ordersInFlight = appendPoint(state.history.ordersInFlight, state.inFlight.orders ?? 0)
}

function addCounts(totals: TickCounts, counts: TickCounts): void {
  for (const key of ['arrived', 'succeeded', 'failed', 'latencyTicks'] as const) {
    for (const endpoint of ENDPOINT_IDS) totals[key][endpoint] += counts[key][endpoint]
  }
  for (const key of ['attempts', 'rejected', 'timeouts'] as const) {
    for (const [edge, value] of Object.entries(counts[key]))
      totals[key][edge] = (totals[key][edge] ?? 0) + value
  }
}
