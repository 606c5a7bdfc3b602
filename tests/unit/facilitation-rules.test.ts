import { describe, expect, it } from 'vitest'
import { applyIntent, type IntentContext } from '../../shared/session/apply-intent'
import type { SessionIntent } from '../../shared/session/intents'
import { INITIAL_SESSION, publicSessionState, type SessionState } from '../../shared/session/session-state'

const ctx = (over: Partial<IntentContext> = {}): IntentContext => ({
  role: 'facilitator',
  participant: { id: 'ana', name: 'Ana' },
  scenarioOf: () => undefined,
  now: 1_000,
  ...over,
})

function apply(state: SessionState, intent: SessionIntent, over: Partial<IntentContext> = {}): SessionState {
  const result = applyIntent(state, intent, ctx(over))
  if (!result.ok) throw new Error(`${intent.type} refused: ${result.code}`)
  return result.state
}

describe('facilitation rules', () => {
  it('runs the timer on the server clock', () => {
    const state = apply(INITIAL_SESSION, { type: 'timer:start', minutes: 15 })
    expect(state.timer).toEqual({ startedAt: 1_000, endsAt: 1_000 + 15 * 60_000, pausedRemainingMs: null })
    expect(apply(state, { type: 'timer:stop' }).timer).toBeNull()
  })

  it('pauses a timer with what is left, and resumes counting that down from the moment it resumes', () => {
    const running = apply(INITIAL_SESSION, { type: 'timer:start', minutes: 10 }) // ends at 601,000
    const paused = apply(running, { type: 'timer:pause' }, { now: 241_000 }) // 4 min in: 6 min left
    expect(paused.timer?.pausedRemainingMs).toBe(6 * 60_000)
    expect(paused.seq).toBe(running.seq + 1)
    const resumed = apply(paused, { type: 'timer:resume' }, { now: 900_000 })
    expect(resumed.timer).toMatchObject({ endsAt: 900_000 + 6 * 60_000, pausedRemainingMs: null })
  })

  it('adds minutes to a running, a paused and a finished timer alike', () => {
    const running = apply(INITIAL_SESSION, { type: 'timer:start', minutes: 5 }) // ends at 301,000
    expect(apply(running, { type: 'timer:add', minutes: 1 }, { now: 61_000 }).timer?.endsAt).toBe(361_000)
    const paused = apply(running, { type: 'timer:pause' }, { now: 61_000 }) // 4 min left
    expect(apply(paused, { type: 'timer:add', minutes: 1 }, { now: 500_000 }).timer?.pausedRemainingMs).toBe(
      5 * 60_000,
    )
    // at zero, +1 min gives one more minute from now, not from when it ended
    expect(apply(running, { type: 'timer:add', minutes: 1 }, { now: 400_000 }).timer?.endsAt).toBe(460_000)
  })

  it('refuses to pause, resume or extend when no timer is set, and lets only a facilitator do it', () => {
    for (const intent of [
      { type: 'timer:pause' },
      { type: 'timer:resume' },
      { type: 'timer:add', minutes: 1 },
    ] as const) {
      const refused = applyIntent(INITIAL_SESSION, intent, ctx())
      expect(refused).toMatchObject({ ok: false, code: 'no_timer' })
    }
    const running = apply(INITIAL_SESSION, { type: 'timer:start', minutes: 5 })
    expect(applyIntent(running, { type: 'timer:pause' }, ctx({ role: 'editor' }))).toMatchObject({
      ok: false,
    })
  })

  it('lets anyone vote once per identity; a second vote replaces the first', () => {
    let state = apply(INITIAL_SESSION, {
      type: 'checkpoint:open',
      question: 'Which cell?',
      options: ['1', '2', '3'],
      answer: 1,
    })
    const id = state.checkpoint?.id ?? ''
    state = apply(state, { type: 'vote', checkpointId: id, option: 0 }, { role: 'viewer', identityId: 'ben' })
    state = apply(state, { type: 'vote', checkpointId: id, option: 1 }, { role: 'viewer', identityId: 'ben' })
    state = apply(
      state,
      { type: 'vote', checkpointId: id, option: 1 },
      { role: 'editor', identityId: 'cleo' },
    )
    expect(state.checkpoint?.votes).toEqual({ ben: 1, cleo: 1 })
  })

  it('shows a participant only their own vote until the reveal, and the facilitator the live tally', () => {
    let state = apply(INITIAL_SESSION, {
      type: 'checkpoint:open',
      question: 'Which cell?',
      options: ['1', '2'],
      answer: 0,
    })
    const id = state.checkpoint?.id ?? ''
    state = apply(state, { type: 'vote', checkpointId: id, option: 1 }, { role: 'viewer', identityId: 'ben' })
    expect(publicSessionState(state, { role: 'viewer', identityId: 'ben' }).checkpoint).toMatchObject({
      voteCount: 1,
      results: null,
      answer: null,
      myVote: 1,
    })
    expect(publicSessionState(state, { role: 'facilitator', identityId: 'ana' }).checkpoint).toMatchObject({
      results: [0, 1],
      answer: 0,
      myVote: null,
    })
    expect(JSON.stringify(publicSessionState(state, { role: 'viewer', identityId: 'x' }))).not.toContain(
      'ben',
    )
    const revealed = apply(state, { type: 'checkpoint:reveal' })
    expect(publicSessionState(revealed, { role: 'viewer', identityId: 'x' }).checkpoint).toMatchObject({
      status: 'revealed',
      results: [0, 1],
      answer: 0,
    })
  })

  it('refuses votes for a closed, revealed or unknown question, and answers outside the options', () => {
    const open = apply(INITIAL_SESSION, { type: 'checkpoint:open', question: 'Which?', options: ['a', 'b'] })
    const id = open.checkpoint?.id ?? ''
    expect(applyIntent(open, { type: 'vote', checkpointId: 'other', option: 0 }, ctx())).toMatchObject({
      code: 'no_checkpoint',
    })
    expect(applyIntent(open, { type: 'vote', checkpointId: id, option: 2 }, ctx())).toMatchObject({
      code: 'bad_option',
    })
    const revealed = apply(open, { type: 'checkpoint:reveal' })
    expect(applyIntent(revealed, { type: 'vote', checkpointId: id, option: 0 }, ctx())).toMatchObject({
      code: 'checkpoint_revealed',
    })
    expect(
      applyIntent(
        INITIAL_SESSION,
        { type: 'checkpoint:open', question: 'Which?', options: ['a', 'b'], answer: 2 },
        ctx(),
      ),
    ).toMatchObject({ code: 'bad_answer' })
  })

  it('records presenting, following and the editing lock, each as one change', () => {
    let state = apply(INITIAL_SESSION, {
      type: 'article:present',
      articleId: 'kappa-architecture',
      sectionId: 'tradeoffs',
    })
    state = apply(state, { type: 'follow:start' })
    state = apply(state, { type: 'editing:lock', locked: true })
    expect(state).toMatchObject({
      seq: 3,
      presentation: { articleId: 'kappa-architecture', sectionId: 'tradeoffs' },
      follow: { leaderId: 'ana', leaderName: 'Ana' },
      editingLocked: true,
    })
  })
})

describe('workshop run-of-show', () => {
  const plans = (id: string) => (id === 'cells-45' ? 9 : undefined)
  it('starts a known plan, moves between its segments, and refuses anything outside it', () => {
    const started = apply(
      INITIAL_SESSION,
      { type: 'workshop:start', workshopId: 'cells-45' },
      { workshopSegments: plans },
    )
    expect(started.workshop).toEqual({ id: 'cells-45', segment: 0, phase: 'show' })
    const third = apply(started, { type: 'workshop:segment', segment: 2 }, { workshopSegments: plans })
    expect(third.workshop).toEqual({ id: 'cells-45', segment: 2, phase: 'show' })
    const asking = { type: 'workshop:segment', segment: 3, phase: 'predict' } as const
    expect(apply(third, asking, { workshopSegments: plans }).workshop?.phase).toBe('predict')
    expect(
      applyIntent(third, { type: 'workshop:segment', segment: 9 }, ctx({ workshopSegments: plans })),
    ).toMatchObject({
      code: 'bad_step',
    })
    expect(
      applyIntent(
        INITIAL_SESSION,
        { type: 'workshop:start', workshopId: 'nope' },
        ctx({ workshopSegments: plans }),
      ),
    ).toMatchObject({ code: 'no_workshop' })
    expect(apply(third, { type: 'workshop:end' }).workshop).toBeNull()
  })

  it('ends a workshop by stopping its timer and closing its question', () => {
    let state = apply(
      INITIAL_SESSION,
      { type: 'workshop:start', workshopId: 'cells-45' },
      { workshopSegments: plans },
    )
    state = apply(state, { type: 'timer:start', minutes: 5 })
    state = apply(state, { type: 'checkpoint:open', question: 'Who is hit?', options: ['All', 'One cell'] })
    const ended = apply(state, { type: 'workshop:end' })
    expect(ended).toMatchObject({ workshop: null, timer: null, checkpoint: null, seq: state.seq + 1 })
  })
})
