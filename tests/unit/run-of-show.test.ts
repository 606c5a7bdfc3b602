import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Workshop, workshopSchema } from '../../shared/content/workshop-schema'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { applyIntent } from '../../shared/session/apply-intent'
import type { SessionIntent } from '../../shared/session/intents'
import { planMove, segmentLabel, showTargets } from '../../shared/session/run-of-show'
import { INITIAL_SESSION, type SessionState } from '../../shared/session/session-state'
import { type ShowSim, simPath } from '../../shared/session/sim-path'
import { createSeededRandom } from '../support/seeded-random'
import { walkWorkshop } from '../support/workshop-walk'

const tick = { type: 'tick', steps: 1 }
const scenario: Scenario = scenarioSchema.parse({
  id: 'toy',
  engine: 'cells',
  title: 'Toy',
  summary: 'Four steps and a failure.',
  templateId: 'cell-based',
  seed: 7,
  binding: { nodes: {} },
  steps: [
    { id: 'calm', title: 'Calm', narration: 'All is well.', events: [tick] },
    {
      id: 'wave',
      title: 'Wave',
      narration: 'A wave goes out.',
      events: [tick],
      checkpoint: { question: 'What breaks next?', options: ['One cell', 'All'], answer: 0 },
    },
    { id: 'broken', title: 'Broken', narration: 'One cell fails.', events: [tick] },
    { id: 'healed', title: 'Healed', narration: 'It recovers.', events: [tick] },
  ],
  failureModes: [
    {
      id: 'boom',
      label: 'Boom',
      events: [tick],
      blastRadius: 'one cell',
      recovery: 'drain it',
      severity: 'high',
    },
    {
      id: 'fizz',
      label: 'Fizz',
      events: [tick],
      blastRadius: 'nothing',
      recovery: 'wait it out',
      severity: 'low',
    },
  ],
})
const ask = (question: string) => ({ question, options: ['Yes', 'No'], answer: 0 })
const plan: Workshop = workshopSchema.parse({
  id: 'toy-45',
  title: 'Toy workshop',
  summary: 'Every kind of segment once.',
  durationMinutes: 45,
  templateId: 'cell-based',
  articleId: 'cells',
  scenarioId: 'toy',
  segments: [
    {
      title: 'Discuss',
      articleSection: 'intro',
      scenarioStep: 0,
      timerMinutes: 5,
      checkpoint: ask('Warm up?'),
    },
    { title: 'Sketch', articleSection: 'intro', scenarioStep: 0 },
    { title: 'Wave', articleSection: 'tradeoffs', scenarioStep: 1 },
    { title: 'Break', articleSection: 'failures', scenarioStep: 2, timerMinutes: 3 },
    { title: 'What if boom?', scenarioStep: 3, triggerFailure: 'boom', checkpoint: ask('Boom hurts?') },
    { title: 'Back to the wave', scenarioStep: 1, triggerFailure: 'boom', checkpoint: ask('Boom early?') },
  ],
})

/** The pure session, driven as the server drives it. */
function pureSession() {
  let state: SessionState = INITIAL_SESSION
  const ctx = {
    role: 'facilitator' as const,
    participant: { id: 'ana', name: 'Ana' },
    scenarioOf: (id: string) => (id === 'toy' ? scenario : undefined),
    workshopSegments: (id: string) => (id === 'toy-45' ? plan.segments.length : undefined),
    now: 1000,
  }
  const apply = (intent: SessionIntent) => {
    const result = applyIntent(state, intent, ctx)
    if (!result.ok) return { ok: false as const, code: result.code, message: result.message }
    state = result.state
    return { ok: true as const }
  }
  return {
    apply,
    now: () => state,
    send: async (intent: SessionIntent) => apply(intent),
    state: async () => state,
  }
}

describe('run-of-show: predict, then reveal', () => {
  it('asks a question on the unchanged board before the step or failure it predicts', () => {
    const beats = showTargets(plan, scenario).map(
      (t) => `${t.segment}:${t.phase}:${t.question?.question ?? '-'}`,
    )
    expect(beats).toEqual([
      '0:show:Warm up?', // a question with nothing to predict is one beat
      '1:show:-', // the previous question is closed
      '2:show:-',
      '3:predict:What breaks next?', // the step's own question predicts the next step
      '3:show:What breaks next?',
      '4:predict:Boom hurts?',
      '4:show:Boom hurts?',
      '5:predict:Boom early?',
      '5:show:Boom early?',
    ])
    const [, , , predict, shown] = showTargets(plan, scenario)
    expect(predict?.sim).toMatchObject({ step: 1 })
    expect(shown?.sim).toMatchObject({ step: 2 })
  })

  it('sets the stage when going back: the step back comes with the question, the failure after it', () => {
    const targets = showTargets(plan, scenario)
    expect(targets.at(-2)?.sim).toEqual({ scenarioId: 'toy', step: 1, failures: [] })
    expect(targets.at(-1)?.sim).toEqual({ scenarioId: 'toy', step: 1, failures: [{ id: 'boom', atStep: 1 }] })
  })

  it('walks the whole plan with Next and Back through the real rules', async () => {
    await walkWorkshop(plan, scenario, pureSession())
  })

  it('refuses to step or trigger while a question is open, and pauses auto-play when one opens', async () => {
    const session = pureSession()
    await session.send({ type: 'sim:load', scenarioId: 'toy' })
    await session.send({ type: 'sim:play' })
    await session.send({ type: 'checkpoint:open', question: 'What next?', options: ['A', 'B'] })
    expect((await session.state()).sim?.playing).toBe(false)
    for (const intent of [
      { type: 'sim:step' },
      { type: 'sim:play' },
      { type: 'sim:trigger', failureId: 'boom' },
    ] as const)
      expect(await session.send(intent)).toMatchObject({ ok: false, code: 'prediction_open' })
    expect(await session.send({ type: 'sim:back' })).toMatchObject({ ok: false, code: 'bad_step' }) // back is allowed, only at step 0 not
    await session.send({ type: 'checkpoint:reveal' })
    expect(await session.send({ type: 'sim:step' })).toEqual({ ok: true })
  })

  it('Next into a beat sends the segment, section, closes the old question, moves the board, then asks', () => {
    const targets = showTargets(plan, scenario)
    const live = {
      workshop: { segment: 2, phase: 'show' as const },
      presentation: { articleId: 'cells', sectionId: 'tradeoffs' },
      sim: { scenarioId: 'toy', step: 1, failures: [] },
      checkpoint: { question: 'Ad hoc?', status: 'revealed' as const },
    }
    const predict = targets[3]
    if (!predict) throw new Error('no fourth beat')
    expect(planMove(plan, live, predict, 'next')).toEqual([
      { type: 'workshop:segment', segment: 3, phase: 'predict' },
      { type: 'article:present', articleId: 'cells', sectionId: 'failures' },
      { type: 'checkpoint:close' },
      { type: 'checkpoint:open', question: 'What breaks next?', options: ['One cell', 'All'], answer: 0 },
      { type: 'timer:start', minutes: 3 },
    ])
  })

  it('labels a segment for people', () => {
    expect(segmentLabel(1, 6, 'Blast radius')).toBe('Segment 2/6 — Blast radius')
  })
})

describe('simPath', () => {
  it('reaches any step and failure list from any other, by the session rules', () => {
    const random = createSeededRandom(11)
    const pick = (n: number) => Math.floor(random() * n)
    const randomSim = (): ShowSim => {
      const step = pick(4)
      const failures = Array.from({ length: pick(3) }, () => ({ id: 'boom', atStep: pick(step + 1) })).sort(
        (a, b) => a.atStep - b.atStep,
      )
      return { scenarioId: 'toy', step, failures }
    }
    for (let run = 0; run < 300; run++) {
      const from = randomSim()
      const to = randomSim()
      const session = pureSession()
      for (const intent of [...simPath(null, from), ...simPath(from, to)])
        expect(session.apply(intent), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toEqual({ ok: true })
      expect(session.now().sim).toMatchObject({ step: to.step, failures: to.failures })
    }
  })
})

describe('every shipped workshop, through the pure session rules', () => {
  const dir = (name: string) => new URL(`../../content/${name}/`, import.meta.url)
  const read = (name: string, id: string): unknown =>
    JSON.parse(readFileSync(new URL(`${id}.json`, dir(name)), 'utf8'))
  const ids = readdirSync(dir('workshops')).map((file) => file.replace(/\.json$/, ''))

  it.each(ids)('%s asks before the board moves and Back undoes Next', async (id) => {
    const plan = workshopSchema.parse(read('workshops', id))
    const scenario = plan.scenarioId ? scenarioSchema.parse(read('scenarios', plan.scenarioId)) : undefined
    let state: SessionState = INITIAL_SESSION
    const ctx = {
      role: 'facilitator' as const,
      participant: { id: 'ana', name: 'Ana' },
      scenarioOf: (sid: string) => (sid === scenario?.id ? scenario : undefined),
      workshopSegments: (wid: string) => (wid === plan.id ? plan.segments.length : undefined),
      now: 1000,
    }
    await walkWorkshop(plan, scenario, {
      send: async (intent) => {
        const result = applyIntent(state, intent, ctx)
        if (!result.ok) return { ok: false, code: result.code, message: result.message }
        state = result.state
        return { ok: true }
      },
      state: async () => state,
    })
  })
})
