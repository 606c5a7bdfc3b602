/**
 * `npm run bench` (part), or `npm run bench:drawn`: the drawn-system engine on a 200-box,
 * 400-arrow diagram (issue 15: 10 ticks per second, an engine step under 5 ms). Per tick of
 * 100 ms: the step (`apply` of one tick), the view and the state hash. Reference in the same run:
 * the call-chain engine (a fixed eight-box topology the sessions already run tick by tick) at its
 * default traffic. Runs of the two alternate (ABBA). Prints a table, writes JSON.
 */
import type { AnySimEngine, SimEvent } from '../shared/sim/engine'
import { callChainEngine } from '../shared/sim/engines/call-chain'
import { drawnSystemEngine } from '../shared/sim/engines/drawn-system'
import { hashState } from '../shared/sim/state-hash'
import {
  abbaOrder,
  describeMachine,
  type MachineMeta,
  machineMeta,
  progress,
  runBench,
} from './lib/bench-main'
import { mean, percentile, ratio } from './lib/stats'
import { fmt, fmtRatio, renderTable } from './lib/table'
import { layeredDiagram } from './scenarios/drawn-graph'

const SETTINGS = {
  ratePerClient: 100,
  rounds: 4,
  warmupTicks: 50,
  measuredTicks: 300,
  /** Hashes and views are timed on every n-th tick (they are read less often than ticks run). */
  sampleEvery: 10,
  budgetStepMs: 5,
  budgetMs: 2 * 60_000,
}

type Kind = 'drawn' | 'callChain'
const KINDS: readonly Kind[] = ['drawn', 'callChain']

interface Timings {
  stepMs: number[]
  viewMs: number[]
  hashMs: number[]
  stateBytes: number
  boxVisitsPerTick: number
}

interface DrawnReport {
  meta: MachineMeta & { settings: typeof SETTINGS }
  boxes: number
  arrows: number
  summary: Record<
    Kind,
    { stepP50: number; stepP95: number; stepP99: number; view: number; hash: number; stateBytes: number }
  >
  boxVisitsPerTick: number
}

function engineFor(kind: Kind): { engine: AnySimEngine; params: unknown } {
  if (kind === 'drawn') {
    const engine = drawnSystemEngine as unknown as AnySimEngine
    return { engine, params: engine.params.parse(layeredDiagram(SETTINGS.ratePerClient)) }
  }
  const engine = callChainEngine as unknown as AnySimEngine
  return { engine, params: engine.params.parse({}) }
}

function measure(kind: Kind, seed: number): Timings {
  const { engine, params } = engineFor(kind)
  const tick = engine.events.parse({ type: 'tick' }) as SimEvent
  let state = engine.init(params, seed)
  for (let i = 0; i < SETTINGS.warmupTicks; i++) state = engine.apply(state, tick)
  const timings: Timings = { stepMs: [], viewMs: [], hashMs: [], stateBytes: 0, boxVisitsPerTick: 0 }
  let visits = 0
  for (let i = 0; i < SETTINGS.measuredTicks; i++) {
    const started = performance.now()
    state = engine.apply(state, tick)
    timings.stepMs.push(performance.now() - started)
    if (kind === 'drawn')
      visits += (state as { last: { arrivals: number[] } }).last.arrivals.reduce((a, b) => a + b, 0)
    if (i % SETTINGS.sampleEvery === 0) {
      const viewStarted = performance.now()
      engine.view(state)
      timings.viewMs.push(performance.now() - viewStarted)
      const hashStarted = performance.now()
      hashState(state)
      timings.hashMs.push(performance.now() - hashStarted)
    }
  }
  timings.stateBytes = Buffer.byteLength(JSON.stringify(state))
  timings.boxVisitsPerTick = visits / SETTINGS.measuredTicks
  return timings
}

async function run(): Promise<DrawnReport> {
  const all: Record<Kind, Timings[]> = { drawn: [], callChain: [] }
  for (let round = 0; round < SETTINGS.rounds; round++) {
    for (const kind of abbaOrder(KINDS, round)) {
      progress(`drawn-system bench, round ${round + 1}: ${kind}`)
      all[kind].push(measure(kind, round + 1))
    }
  }
  const summarize = (runs: Timings[]) => {
    const steps = runs.flatMap((r) => r.stepMs)
    return {
      stepP50: percentile(steps, 50),
      stepP95: percentile(steps, 95),
      stepP99: percentile(steps, 99),
      view: percentile(
        runs.flatMap((r) => r.viewMs),
        50,
      ),
      hash: percentile(
        runs.flatMap((r) => r.hashMs),
        50,
      ),
      stateBytes: mean(runs.map((r) => r.stateBytes)),
    }
  }
  const params = drawnSystemEngine.params.parse(layeredDiagram(SETTINGS.ratePerClient))
  return {
    meta: { ...machineMeta(), settings: SETTINGS },
    boxes: params.boxes.length,
    arrows: params.calls.length,
    summary: { drawn: summarize(all.drawn), callChain: summarize(all.callChain) },
    boxVisitsPerTick: mean(all.drawn.map((r) => r.boxVisitsPerTick)),
  }
}

function render(report: DrawnReport): string {
  const { drawn, callChain } = report.summary
  const row = (label: string, ours: number, reference: number, digits = 2) => [
    label,
    fmt(ours, digits),
    fmt(reference, digits),
    fmtRatio(ratio(ours, reference)),
  ]
  const { settings } = report.meta
  return [
    describeMachine('Drawn-system engine benchmark', report.meta),
    `ours = drawn-system on ${report.boxes} boxes and ${report.arrows} arrows, ${settings.ratePerClient} req/s from each of 10 clients`,
    `  (${fmt(report.boxVisitsPerTick, 0)} simulated box visits per 100 ms tick, every request simulated);`,
    'reference = call-chain engine at its default traffic (8 boxes, 40 requests per tick), same run, ABBA.',
    '',
    renderTable(
      ['per tick', 'ours', 'reference', 'ours/ref'],
      [
        row('engine step p50 (ms)', drawn.stepP50, callChain.stepP50),
        row('engine step p95 (ms)', drawn.stepP95, callChain.stepP95),
        row('engine step p99 (ms)', drawn.stepP99, callChain.stepP99),
        row('view (ms)', drawn.view, callChain.view),
        row('state hash (ms)', drawn.hash, callChain.hash),
        row('state JSON (kB)', drawn.stateBytes / 1000, callChain.stateBytes / 1000, 1),
      ],
    ),
    '',
    `Budget: an engine step under ${settings.budgetStepMs} ms at 10 ticks/s — p95 ${fmt(drawn.stepP95)} ms ` +
      `(${fmtRatio(drawn.stepP95 / settings.budgetStepMs)} of the budget).`,
    `${settings.rounds} runs × ${settings.measuredTicks} measured ticks per engine after ${settings.warmupTicks} warm-up ticks; ` +
      `view and hash timed every ${settings.sampleEvery}th tick.`,
  ].join('\n')
}

await runBench({ name: 'drawn-system', budgetMs: SETTINGS.budgetMs, run, render })
