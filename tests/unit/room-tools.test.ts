import { describe, expect, it } from 'vitest'
import { type Scenario, scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { applyIntent, type IntentContext } from '../../shared/session/apply-intent'
import type { SessionIntent } from '../../shared/session/intents'
import { noteAttendee, recordChange } from '../../shared/session/session-history'
import { INITIAL_SESSION, publicSessionState, type SessionState } from '../../shared/session/session-state'
import { markdownText, summarizeSession, summaryMarkdown } from '../../shared/session/session-summary'
import { spotlightAround } from '../../shared/session/spotlight'

const scenario: Scenario = scenarioSchema.parse({
  id: 'toy',
  engine: 'cells',
  title: 'Toy cells',
  summary: 'Three steps.',
  templateId: 'cell-based',
  seed: 7,
  binding: { nodes: {} },
  steps: [
    { id: 'one', title: 'All healthy', narration: 'The first step.', events: [] },
    { id: 'two', title: 'Cell 2 fails', narration: 'The second step.', events: [] },
    { id: 'three', title: 'Recovered', narration: 'The third step.', events: [] },
  ],
  failureModes: ['boom', 'fizz'].map((id) => ({
    id,
    label: id,
    events: [{ type: id }],
    blastRadius: 'one cell',
    recovery: 'drain it',
    severity: 'low',
  })),
})

const ctx = (over: Partial<IntentContext> = {}): IntentContext => ({
  role: 'facilitator',
  participant: { id: 'ana', name: 'Ana' },
  scenarioOf: (id) => (id === 'toy' ? scenario : undefined),
  now: 1_000,
  ...over,
})

/** Applies an intent as the server does: the rules, then the summary's record of the change. */
function apply(state: SessionState, intent: SessionIntent, over: Partial<IntentContext> = {}): SessionState {
  const c = ctx(over)
  const result = applyIntent(state, intent, c)
  if (!result.ok) throw new Error(`${intent.type} refused: ${result.code}`)
  const voter = intent.type === 'vote' ? { key: c.identityId ?? '', name: c.participant.name } : undefined
  return recordChange(state, result.state, { scenarioOf: c.scenarioOf, voter })
}

const area = { x: 10, y: 20, w: 300, h: 200 }

describe('the spotlight', () => {
  it('is the facilitator’s: set and cleared with one seq each, refused to everyone else', () => {
    const set = apply(INITIAL_SESSION, { type: 'spotlight:set', area })
    expect(set.spotlight).toEqual({ area, byName: 'Ana' })
    expect(set.seq).toBe(1)
    const cleared = apply(set, { type: 'spotlight:clear' })
    expect(cleared.spotlight).toBeNull()
    expect(cleared.seq).toBe(2)
    // clearing nothing is not news
    expect(apply(cleared, { type: 'spotlight:clear' })).toBe(cleared)
    for (const role of ['editor', 'viewer'] as const) {
      expect(applyIntent(INITIAL_SESSION, { type: 'spotlight:set', area }, ctx({ role }))).toMatchObject({
        ok: false,
        code: 'not_facilitator',
      })
    }
  })

  it('frames the shapes it shows with room around them', () => {
    expect(spotlightAround({ x: 100, y: 50, w: 200, h: 80 }, 20)).toEqual({ x: 80, y: 30, w: 240, h: 120 })
  })
})

describe('anonymous questions', () => {
  const open = (anonymous: boolean) =>
    apply(INITIAL_SESSION, {
      type: 'checkpoint:open',
      question: 'Which cell?',
      options: ['1', '2'],
      anonymous,
    })

  it('hide the live tally from facilitators too, until the reveal', () => {
    const voted = (anonymous: boolean) => {
      const state = open(anonymous)
      const id = state.checkpoint?.id ?? ''
      return apply(
        state,
        { type: 'vote', checkpointId: id, option: 1 },
        { role: 'viewer', identityId: 'ben' },
      )
    }
    const facilitator = { role: 'facilitator' as const, identityId: 'ana' }
    expect(publicSessionState(voted(false), facilitator).checkpoint?.results).toEqual([0, 1])
    const anonymous = voted(true)
    expect(publicSessionState(anonymous, facilitator).checkpoint).toMatchObject({
      anonymous: true,
      voteCount: 1,
      results: null,
    })
    const revealed = apply(anonymous, { type: 'checkpoint:reveal' })
    expect(publicSessionState(revealed, facilitator).checkpoint?.results).toEqual([0, 1])
  })

  it('never record who voted what; named questions do, for the summary', () => {
    for (const anonymous of [false, true]) {
      let state = open(anonymous)
      const id = state.checkpoint?.id ?? ''
      state = apply(
        state,
        { type: 'vote', checkpointId: id, option: 0 },
        {
          role: 'viewer',
          identityId: 'ben-key',
          participant: { id: 's2', name: 'Ben' },
        },
      )
      expect(state.history.voterNames).toEqual(anonymous ? {} : { 'ben-key': 'Ben' })
      state = apply(state, { type: 'checkpoint:close' })
      expect(state.history.voterNames).toEqual({})
      expect(state.history.questions).toEqual([
        {
          question: 'Which cell?',
          options: ['1', '2'],
          answer: null,
          counts: [1, 0],
          anonymous,
          ballots: anonymous ? [] : [{ name: 'Ben', option: 0 }],
        },
      ])
    }
  })
})

describe('the session summary', () => {
  it('keeps who came, each question once it leaves the screen, and each step shown once', () => {
    let state = noteAttendee(noteAttendee(noteAttendee(INITIAL_SESSION, 'Ana'), 'Ben'), 'Ana')
    expect(state.history.attendees).toEqual(['Ana', 'Ben'])
    expect(state.seq).toBe(0)
    state = apply(state, { type: 'sim:load', scenarioId: 'toy' })
    state = apply(state, { type: 'checkpoint:open', question: 'Next?', options: ['a', 'b'], answer: 1 })
    // replacing a question keeps the first one
    state = apply(state, { type: 'checkpoint:open', question: 'Then?', options: ['c', 'd'] })
    state = apply(state, { type: 'checkpoint:reveal' }) // no step while a prediction is open
    state = apply(state, { type: 'sim:step' })
    state = apply(state, { type: 'sim:back' })
    state = apply(state, { type: 'sim:step' })
    expect(state.history.steps.map((s) => s.title)).toEqual(['All healthy', 'Cell 2 fails'])
    const summary = summarizeSession(state, 'Cells workshop', Date.UTC(2026, 11, 3, 9))
    expect(summary.questions.map((q) => q.question)).toEqual(['Next?', 'Then?'])
    expect(summary.madeAt).toBe('2026-12-03T09:00:00.000Z')
  })

  it('writes Markdown with votes per option, names only for named questions, and escapes typed text', () => {
    const md = summaryMarkdown({
      boardTitle: 'Cells *live*',
      madeAt: '2026-12-03T09:00:00.000Z',
      attendees: ['Ana', 'Priya (SRE)'],
      questions: [
        {
          question: 'Which cell fails?',
          options: ['Cell 1', 'Cell 2'],
          answer: 1,
          counts: [1, 2],
          anonymous: false,
          ballots: [
            { name: 'Ben', option: 1 },
            { name: 'Cleo', option: 1 },
            { name: 'Dev', option: 0 },
          ],
        },
        {
          question: 'Sure?',
          options: ['Yes', 'No'],
          answer: null,
          counts: [2, 0],
          anonymous: true,
          ballots: [],
        },
      ],
      steps: [{ scenarioId: 'toy', scenarioTitle: 'Toy cells', step: 1, title: 'Cell 2 fails' }],
    })
    expect(md).toBe(
      [
        '# Cells \\*live\\* — session summary',
        '',
        'Made 2026-12-03T09:00:00.000Z.',
        '',
        '## Who attended (2)',
        '',
        '- Ana',
        '- Priya (SRE)',
        '',
        '## Questions (2)',
        '',
        '### 1. Which cell fails?',
        '',
        '3 votes.',
        '',
        '- A. Cell 1: 1 — Dev',
        '- B. Cell 2: 2 (expected) — Ben, Cleo',
        '',
        '### 2. Sure?',
        '',
        '2 votes, anonymous.',
        '',
        '- A. Yes: 2',
        '- B. No: 0',
        '',
        '## Simulation steps shown (1)',
        '',
        '- Toy cells, step 2: Cell 2 fails',
        '',
      ].join('\n'),
    )
    expect(markdownText('a [link](x) | b\n# c')).toBe('a \\[link\\](x) \\| b \\# c')
  })
})
