import { describe, expect, it } from 'vitest'
import { type LoadLevelingState, loadLevelingEngine } from '../../../shared/sim/engines/load-leveling'
import { queueLength } from '../../../shared/sim/engines/load-leveling/message-queue'
import { metric, prepare } from './sim-test-kit'

const engine = loadLevelingEngine
const event = (raw: unknown) => engine.events.parse(raw)
const start = (rawParams: unknown, seed: number) => engine.init(engine.params.parse(rawParams), seed)
const oneTick = event({ type: 'tick', steps: 1 })

/** Per-tick trace read off the states: what arrived and what left, from the running totals. */
function traceTicks(state: LoadLevelingState, ticks: number) {
  const trace: { accepted: number; completed: number; inSystem: number }[] = []
  let current = state
  for (let i = 0; i < ticks; i++) {
    const next = engine.apply(current, oneTick)
    trace.push({
      accepted: next.totals.accepted - current.totals.accepted,
      completed: next.totals.completed - current.totals.completed,
      inSystem: next.lastTick.inSystem,
    })
    current = next
  }
  return { trace, final: current }
}

describe('load-leveling engine', () => {
  it("obeys Little's law L = λW over a long bursty run, with W rebuilt from FIFO arrivals and departures", () => {
    for (const seed of [3, 4]) {
      const ticks = 6_000
      const { trace, final } = traceTicks(start({}, seed), ticks)

      // FIFO: the k-th accepted message is the k-th to leave, so pair arrival ticks with departure ticks
      const arrivals: number[] = []
      let departed = 0
      let sojournTicks = 0
      trace.forEach((tick, t) => {
        for (let i = 0; i < tick.accepted; i++) arrivals.push(t)
        // N(t) independently: accepted so far minus those that left before this tick
        expect(tick.inSystem).toBe(arrivals.length - departed)
        for (let i = 0; i < tick.completed; i++) sojournTicks += t - (arrivals[departed++] as number) + 1
      })
      const W = sojournTicks / departed
      const L = trace.reduce((sum, tick) => sum + tick.inSystem, 0) / ticks
      const lambda = arrivals.length / ticks

      expect(Math.abs(L - lambda * W) / L).toBeLessThan(0.01)
      expect(metric(engine.view(final), 'mean-wait')).toBeCloseTo(W - 1, 2)
      expect(final.totals.dropped).toBeGreaterThanOrEqual(0)
    }
  }, 20_000)

  it('shows λ̄, W and L on the panel so that L = λ̄ × W holds, to the panel’s rounding, whenever the queue has emptied', () => {
    let checked = 0
    for (const seed of [1, 2, 3, 4, 5]) {
      let state = start({}, seed)
      for (let tick = 0; tick < 400; tick++) {
        state = engine.apply(state, oneTick)
        if (queueLength(state.queue) > 0) continue
        const view = engine.view(state)
        const lambda = metric(view, 'accepted-rate')
        const W = metric(view, 'mean-time-in-system')
        const L = metric(view, 'mean-in-system')
        // each figure is rounded to 0.01, so the product may be off by half a unit in each factor
        expect(Math.abs(L - lambda * W), `seed ${seed}, tick ${state.tick}`).toBeLessThanOrEqual(
          0.005 * (lambda + W) + 0.005 + 1e-9,
        )
        // and the figures are the independent definitions: accepted / ticks, sojourn / completed
        expect(Math.abs(lambda - state.totals.accepted / state.tick)).toBeLessThanOrEqual(0.005 + 1e-9)
        expect(Math.abs(W - state.totals.sojournTicks / state.totals.completed)).toBeLessThanOrEqual(
          0.005 + 1e-9,
        )
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('states the window its throughput is averaged over', () => {
    const state = engine.apply(start({}, 1), engine.events.parse({ type: 'tick', steps: 25 }))
    const throughput = engine.view(state).metrics.find((m) => m.id === 'throughput')
    expect(throughput?.label).toBe('Throughput, mean of the last 25 ticks')
    expect(throughput?.value).toBeCloseTo(state.history.throughput.reduce((a, b) => a + b, 0) / 25, 2)
  })

  it('estimates drain time as backlog / (kμ − λ), and the backlog really drains in about that time', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { events } = prepare(engine, {}, [
        { type: 'tick', steps: 20 },
        { type: 'burst', ticks: 30, rate: 40 },
        { type: 'tick', steps: 30 },
      ])
      let state = events.reduce(
        (current, next) => engine.apply(current, next),
        start({ arrivalRate: 10, burstChance: 0, workers: 4, serviceRate: 5, queueCapacity: 5_000 }, seed),
      )
      const backlog = queueLength(state.queue)
      const expected = backlog / (4 * 5 - 10)
      expect(backlog).toBeGreaterThan(400)
      expect(metric(engine.view(state), 'drain-time')).toBeCloseTo(expected, 1)

      let ticks = 0
      while (queueLength(state.queue) > 0) {
        state = engine.apply(state, oneTick)
        ticks++
      }
      expect(Math.abs(ticks - expected) / expected).toBeLessThan(0.2)
    }
  })

  it('reports a growing backlog when a worker outage leaves less capacity than load', () => {
    const { events } = prepare(engine, {}, [
      { type: 'tick', steps: 10 },
      { type: 'worker-outage', workers: 2 },
      { type: 'tick', steps: 30 },
    ])
    const state = events.reduce((current, next) => engine.apply(current, next), start({ burstChance: 0 }, 8))
    const view = engine.view(state)
    expect(metric(view, 'drain-time')).toBe(-1)
    expect(view.metrics.find((m) => m.id === 'drain-time')?.label).toMatch(/growing/)
    expect(view.nodes.workers?.health).toBe('degraded')
    expect(view.nodes['worker-1']?.health).toBe('failed')
    expect(view.nodes['worker-3']?.health).not.toBe('failed')
    expect(metric(view, 'backlog')).toBeGreaterThan(150)
  })

  it('moves a poison message to the DLQ after maxReceives receives, blocking one worker meanwhile', () => {
    let state = start({ burstChance: 0, maxReceives: 3, poisonHoldTicks: 4 }, 2)
    state = engine.apply(state, event({ type: 'poison' }))
    state = engine.apply(state, oneTick)
    expect(state.held).toHaveLength(1)
    expect(engine.view(state).nodes['worker-1']?.badges[0]).toMatch(/poison/)
    state = engine.apply(state, event({ type: 'tick', steps: 40 }))
    expect(state.totals.poisonReceives).toBe(3)
    expect(state.totals.deadLettered).toBe(1)
    expect(state.held).toHaveLength(0)
  })

  it('retries a poison message forever without a DLQ', () => {
    let state = start({ burstChance: 0, maxReceives: null, poisonHoldTicks: 4 }, 2)
    state = engine.apply(state, event({ type: 'poison' }))
    state = engine.apply(state, event({ type: 'tick', steps: 100 }))
    expect(state.totals.deadLettered).toBe(0)
    expect(state.totals.poisonReceives).toBe(25) // one receive per 4-tick visibility timeout
    expect(engine.view(state).nodes.dlq?.health).toBe('degraded')
  })

  it('rejects producers once the queue is at capacity', () => {
    const { events } = prepare(engine, {}, [
      { type: 'burst', ticks: 20, rate: 200 },
      { type: 'tick', steps: 20 },
    ])
    const state = events.reduce(
      (current, next) => engine.apply(current, next),
      start({ queueCapacity: 300 }, 6),
    )
    const view = engine.view(state)
    expect(metric(view, 'backlog')).toBe(300 - state.lastTick.completed)
    expect(metric(view, 'dropped')).toBe(state.totals.offered - state.totals.accepted)
    expect(metric(view, 'dropped')).toBeGreaterThan(2_000)
    expect(view.nodes.queue?.health).toBe('degraded')
  })
})
