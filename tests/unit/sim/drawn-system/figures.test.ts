import { describe, expect, it } from 'vitest'
import { hashState } from '../../../../shared/sim/state-hash'
import { simViewSchema } from '../../../../shared/sim/view'
import { apply, chain, eachTick, engine, plainStation, run, start } from './drawn-kit'

/** Users → one service → a database: a run whose every request fails once the service is killed. */
const line = chain(100, [
  { id: 'api', kind: 'service', props: plainStation },
  { id: 'db', kind: 'database', props: plainStation },
])

const figure = (state: ReturnType<typeof start>, id: string) =>
  engine.view(state).metrics.find((m) => m.id === id)
const seriesOf = (state: ReturnType<typeof start>, id: string) => {
  const found = engine.view(state).series.find((s) => s.id === id)
  if (!found) throw new Error(`no series ${id}`)
  return found
}

describe('drawn-system engine: figures when nothing succeeds', () => {
  it('reports p50, p95 and p99 as unknown (not 0 ms) when no request in the last second succeeded', () => {
    const healthy = run(start(line), 30)
    expect(figure(healthy, 'p99')?.value).toBeGreaterThan(0)
    const dead = run(apply(healthy, { type: 'kill-box', box: 'api' }), 30)
    expect(figure(dead, 'error-rate')?.value).toBe(100)
    for (const id of ['p50', 'p95', 'p99']) {
      expect(figure(dead, id)?.value).toBeNull()
      expect(figure(dead, id)?.hint).toBe('no successful requests')
    }
    expect(figure(dead, 'throughput')?.value).toBe(0)
  })

  it('leaves a gap (null) in the latency series while nothing succeeds, and numbers around it', () => {
    const healthy = run(start(line), 30)
    const dead = run(apply(healthy, { type: 'kill-box', box: 'api' }), 30)
    const p99 = seriesOf(dead, 'p99').points
    expect(p99.at(-1)).toBeNull()
    expect(p99.some((p) => typeof p === 'number' && p > 0)).toBe(true)
    expect(p99).not.toContain(0)
  })

  it('reports no latency before any request has finished, and a view the schema accepts', () => {
    const idle = run(start(chain(0, [{ id: 'api', kind: 'service' }])), 5)
    expect(figure(idle, 'p50')?.value).toBeNull()
    expect(simViewSchema.safeParse(engine.view(idle)).success).toBe(true)
  })

  it('hashes a state holding unknown latencies, the same on every replay', () => {
    const script = () => run(apply(run(start(line, 7), 20), { type: 'kill-box', box: 'api' }), 20)
    expect(hashState(script())).toBe(hashState(script()))
    expect(simViewSchema.safeParse(engine.view(script())).success).toBe(true)
  })
})

describe('drawn-system engine: history for the charts', () => {
  it('keeps the last 60 ticks one by one, and one point a second for three minutes before them', () => {
    const state = run(start(line), 2500)
    const { ticks, points } = seriesOf(state, 'throughput')
    expect(ticks).toBeDefined()
    expect(ticks?.length).toBe(points.length)
    // 180 one-second points end at tick 2500; those the last 60 ticks cover are not repeated
    expect(ticks?.[0]).toBe(2500 - 179 * 10)
    expect(ticks?.slice(-60)).toEqual(Array.from({ length: 60 }, (_, i) => 2441 + i))
    expect(ticks?.slice(0, -60).every((t) => t % 10 === 0 && t <= 2440)).toBe(true)
    expect(points.length).toBe(174 + 60)
  })

  it('gives each one-second point the successes of that second, per second', () => {
    const okByTick = new Map<number, number>()
    const state = eachTick(start(line, 3), 300, (s) => okByTick.set(s.tick, s.last.ok))
    const { ticks, points } = seriesOf(state, 'throughput')
    const at = ticks?.indexOf(200) ?? -1
    expect(at).toBeGreaterThanOrEqual(0)
    let ok = 0
    for (let t = 191; t <= 200; t++) ok += okByTick.get(t) ?? 0
    expect(points[at]).toBeCloseTo(ok, 6)
  })

  it('keeps the state and view bounded however long the run goes', () => {
    const long = run(start(line), 4000)
    for (const s of engine.view(long).series) expect(s.points.length).toBeLessThanOrEqual(240)
    expect(simViewSchema.safeParse(engine.view(long)).success).toBe(true)
  })
})
