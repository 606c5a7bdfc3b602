import { describe, expect, it } from 'vitest'
import { graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'
import { applyIntent, type IntentContext, type IntentResult } from '../../shared/session/apply-intent'
import { DRAWN_TICK_MS } from '../../shared/session/drawn-run'
import type { DrawnChange, SessionIntent } from '../../shared/session/intents'
import { INITIAL_SESSION, type SessionState } from '../../shared/session/session-state'

const box = (id: string, label: string, kind: string) => ({ id, label, kind })
const diagram = graphSnapshotSchema.parse({
  boxes: [
    box('shape:users', 'Users', 'client'),
    box('shape:api', 'API', 'service'),
    box('shape:redis', 'Redis', 'cache'),
    box('shape:pg', 'Postgres', 'database'),
  ],
  calls: [
    { id: 'shape:a1', from: 'shape:users', to: 'shape:api' },
    { id: 'shape:a2', from: 'shape:api', to: 'shape:redis' },
    { id: 'shape:a3', from: 'shape:api', to: 'shape:pg' },
  ],
})
/** The same diagram after an editor deleted Postgres and its arrow. */
const withoutPostgres = graphSnapshotSchema.parse({
  boxes: diagram.boxes.filter((b) => b.id !== 'shape:pg'),
  calls: diagram.calls.filter((c) => c.to !== 'shape:pg'),
})

const T0 = 5_000_000
const ctx = (over: Partial<IntentContext> = {}): IntentContext => ({
  role: 'facilitator',
  participant: { id: 'p1', name: 'Ana' },
  scenarioOf: () => undefined,
  diagram,
  now: T0,
  ...over,
})
const at = (ticks: number, over: Partial<IntentContext> = {}) =>
  ctx({ now: T0 + ticks * DRAWN_TICK_MS, ...over })
const accepted = (result: IntentResult): SessionState => {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`)
  return result.state
}
const killRedis = { type: 'kill-box', box: 'shape:redis' } as const
const running = () => accepted(applyIntent(INITIAL_SESSION, { type: 'drawn:run', seed: 7 }, ctx()))
const askedAboutRedis = () => accepted(applyIntent(running(), { type: 'drawn:ask', event: killRedis }, at(3)))

describe('a question about a drawn run holds the run until it is revealed or closed', () => {
  it('refuses Run again, Stop, a second question and a scenario, in words, while the room answers', () => {
    const state = askedAboutRedis()
    const held: SessionIntent[] = [
      { type: 'drawn:run', seed: 8 },
      { type: 'drawn:stop' },
      { type: 'drawn:ask', event: { type: 'cache-flush', box: 'shape:redis' } },
      { type: 'checkpoint:open', question: 'Anything else?', options: ['Yes', 'No'] },
      { type: 'sim:load', scenarioId: 'toy' },
    ]
    for (const intent of held) {
      const result = applyIntent(state, intent, at(10))
      expect(result, intent.type).toMatchObject({ ok: false, code: 'prediction_open' })
      if (!result.ok) expect(result.message).toMatch(/^(Reveal or close|One question at a time)/)
    }
  })

  it('applies on Reveal exactly the chaos asked about, to the run it was asked about', () => {
    const state = askedAboutRedis()
    expect(applyIntent(state, { type: 'drawn:run', seed: 8 }, at(5)).ok).toBe(false)
    const revealed = accepted(applyIntent(state, { type: 'checkpoint:reveal' }, at(20)))
    expect(revealed.drawnRun).toMatchObject({ seed: 7, pendingChange: null, pausedAtTick: null })
    expect(revealed.drawnRun?.events).toEqual([{ atTick: 3, event: killRedis }])
    // once revealed, the run is free again
    const again = accepted(applyIntent(revealed, { type: 'drawn:run', seed: 8 }, at(30)))
    expect(again.drawnPrevious?.events).toEqual([{ atTick: 3, event: killRedis }])
  })

  it('lets Close cancel the question, after which Run again and a new question are accepted', () => {
    const closed = accepted(applyIntent(askedAboutRedis(), { type: 'checkpoint:close' }, at(5)))
    expect(closed.drawnRun).toMatchObject({ pendingChange: null, events: [] })
    const asked = accepted(applyIntent(closed, { type: 'drawn:ask', event: killRedis }, at(6)))
    expect(asked.checkpoint?.status).toBe('open')
    const closedAgain = accepted(applyIntent(asked, { type: 'checkpoint:close' }, at(7)))
    expect(accepted(applyIntent(closedAgain, { type: 'drawn:run', seed: 9 }, at(8))).drawnRun?.seed).toBe(9)
  })

  it('keeps the votes of an open question: a chaos question never replaces it', () => {
    const plain = accepted(
      applyIntent(
        running(),
        { type: 'checkpoint:open', question: 'Where is the bottleneck?', options: ['A', 'B'] },
        at(1),
      ),
    )
    const result = applyIntent(plain, { type: 'drawn:ask', event: killRedis }, at(2))
    expect(result).toMatchObject({ ok: false, code: 'prediction_open' })
  })

  it('still lets a run be run again or stopped while an unrelated question is open', () => {
    const plain = accepted(
      applyIntent(
        running(),
        { type: 'checkpoint:open', question: 'Where is the bottleneck?', options: ['A', 'B'] },
        at(1),
      ),
    )
    expect(applyIntent(plain, { type: 'drawn:run', seed: 8 }, at(2)).ok).toBe(true)
    expect(applyIntent(plain, { type: 'drawn:stop' }, at(2)).ok).toBe(true)
  })
})

describe('a chaos naming a box the run does not hold', () => {
  const rerun = () => {
    const first = running()
    return accepted(applyIntent(first, { type: 'drawn:run', seed: 8 }, at(10, { diagram: withoutPostgres })))
  }

  it('is refused naming the box in words, never by its id', () => {
    for (const type of ['drawn:change', 'drawn:ask'] as const) {
      const result = applyIntent(rerun(), { type, event: { type: 'kill-box', box: 'shape:pg' } }, at(12))
      expect(result).toMatchObject({ ok: false, code: 'unknown_box' })
      if (!result.ok) {
        expect(result.message).toContain('“Postgres”')
        expect(result.message).not.toContain('shape:')
      }
    }
  })

  it('says "that box" or "that arrow" when no run ever held it', () => {
    const events: DrawnChange[] = [
      { type: 'partition', a: ['shape:api'], b: ['shape:ghost'] },
      { type: 'set-call', call: 'shape:gone', mode: 'async' },
    ]
    for (const event of events) {
      const result = applyIntent(running(), { type: 'drawn:change', event }, at(1))
      expect(result).toMatchObject({ ok: false, code: 'unknown_box' })
      if (!result.ok) expect(result.message).not.toContain('shape:')
    }
  })
})
