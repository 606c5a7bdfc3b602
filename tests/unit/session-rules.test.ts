import { describe, expect, it } from 'vitest'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { scenarioEvents } from '../../shared/scenarios/timeline'
import { applyIntent, autoStep, type IntentContext, nextAutoStepAt } from '../../shared/session/apply-intent'
import type { SessionIntent } from '../../shared/session/intents'
import { INITIAL_SESSION, type SessionState } from '../../shared/session/session-state'

const scenario: Scenario = scenarioSchema.parse({
  id: 'toy',
  engine: 'cells',
  title: 'Toy',
  summary: 'Three steps and two failures.',
  templateId: 'cell-based',
  seed: 7,
  binding: { nodes: {} },
  steps: [
    {
      id: 'one',
      title: 'One',
      narration: 'The first step.',
      events: [{ type: 'tick', steps: 1 }],
      durationMs: 4000,
    },
    { id: 'two', title: 'Two', narration: 'The second step.', events: [{ type: 'tick', steps: 2 }] },
    { id: 'three', title: 'Three', narration: 'The third step.', events: [{ type: 'tick', steps: 3 }] },
  ],
  failureModes: [
    {
      id: 'boom',
      label: 'Boom',
      events: [{ type: 'boom' }],
      blastRadius: 'one cell',
      recovery: 'drain it',
      severity: 'high',
    },
    {
      id: 'fizz',
      label: 'Fizz',
      events: [{ type: 'fizz' }],
      blastRadius: 'nothing',
      recovery: 'wait it out',
      severity: 'low',
    },
  ],
})

const ctx = (over: Partial<IntentContext> = {}): IntentContext => ({
  role: 'facilitator',
  participant: { id: 'p1', name: 'Ana' },
  scenarioOf: (id) => (id === 'toy' ? scenario : undefined),
  now: 1000,
  ...over,
})

function run(intents: SessionIntent[], start: SessionState = INITIAL_SESSION): SessionState {
  return intents.reduce((state, intent) => {
    const result = applyIntent(state, intent, ctx())
    if (!result.ok) throw new Error(`${intent.type} refused: ${result.code}`)
    return result.state
  }, start)
}

describe('session rules', () => {
  it('lets only a facilitator drive', () => {
    for (const role of ['editor', 'viewer'] as const) {
      expect(
        applyIntent(INITIAL_SESSION, { type: 'sim:load', scenarioId: 'toy' }, ctx({ role })),
      ).toMatchObject({
        ok: false,
        code: 'not_facilitator',
      })
    }
  })

  it('bumps seq by exactly one per accepted change and records the driver', () => {
    const state = run([
      { type: 'sim:load', scenarioId: 'toy' },
      { type: 'sim:step' },
      { type: 'sim:speed', speed: 2 },
    ])
    expect(state.seq).toBe(3)
    expect(state.driver).toEqual({ id: 'p1', name: 'Ana' })
    expect(state.sim).toMatchObject({ step: 1, speed: 2, playing: false })
  })

  it('refuses steps past either end', () => {
    const loaded = run([{ type: 'sim:load', scenarioId: 'toy' }])
    expect(applyIntent(loaded, { type: 'sim:back' }, ctx())).toMatchObject({ ok: false, code: 'bad_step' })
    const atEnd = run([{ type: 'sim:step' }, { type: 'sim:step' }], loaded)
    expect(applyIntent(atEnd, { type: 'sim:step' }, ctx())).toMatchObject({ ok: false, code: 'bad_step' })
    expect(applyIntent(atEnd, { type: 'sim:play' }, ctx())).toMatchObject({ ok: false, code: 'bad_step' })
  })

  it('places a triggered failure after the step it was triggered at, and Back undoes later ones', () => {
    const state = run([
      { type: 'sim:load', scenarioId: 'toy' },
      { type: 'sim:trigger', failureId: 'fizz' },
      { type: 'sim:step' },
      { type: 'sim:trigger', failureId: 'boom' },
    ])
    const sim = state.sim
    if (!sim) throw new Error('no sim')
    expect(scenarioEvents(scenario, sim.step, sim.failures).map((e) => e.type)).toEqual([
      'tick',
      'fizz',
      'tick',
      'boom',
    ])
    const back = run([{ type: 'sim:back' }], state)
    expect(back.sim?.failures).toEqual([{ id: 'fizz', atStep: 0 }])
    expect(run([{ type: 'sim:replay' }], state).sim).toMatchObject({ step: 0, failures: [] })
  })

  it('auto-plays from the server clock at the step duration divided by the speed', () => {
    const playing = run([
      { type: 'sim:load', scenarioId: 'toy' },
      { type: 'sim:speed', speed: 2 },
      { type: 'sim:play' },
    ])
    expect(nextAutoStepAt(playing.sim, scenario)).toBe(1000 + 4000 / 2)
    const second = autoStep(playing, scenario, 3000)
    expect(second.sim).toMatchObject({ step: 1, playing: true, stepStartedAt: 3000 })
    expect(second.seq).toBe(playing.seq + 1)
    const last = autoStep(second, scenario, 11_000)
    expect(last.sim).toMatchObject({ step: 2, playing: false })
    expect(nextAutoStepAt(last.sim, scenario)).toBeNull()
  })
})
