import { describe, expect, it } from 'vitest'
import { graphSnapshotSchema } from '../../shared/diagram/graph-snapshot'
import type { Role } from '../../shared/protocol/roles'
import { applyIntent, type IntentContext, type IntentResult } from '../../shared/session/apply-intent'
import { DRAWN_TICK_MS, drawnRunTick } from '../../shared/session/drawn-run'
import { type SessionIntent, sessionIntentSchema } from '../../shared/session/intents'
import { INITIAL_SESSION, type SessionState } from '../../shared/session/session-state'

const diagram = graphSnapshotSchema.parse({
  boxes: [
    { id: 'shape:users', kind: 'client' },
    { id: 'shape:api', kind: 'service' },
    { id: 'shape:cache', kind: 'cache' },
  ],
  calls: [
    { id: 'shape:a1', from: 'shape:users', to: 'shape:api' },
    { id: 'shape:a2', from: 'shape:api', to: 'shape:cache' },
  ],
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

const accepted = (result: IntentResult): SessionState => {
  if (!result.ok) throw new Error(`refused: ${result.code}`)
  return result.state
}
const running = (): SessionState =>
  accepted(applyIntent(INITIAL_SESSION, { type: 'drawn:run', seed: 7 }, ctx()))
const at = (ms: number) => ctx({ now: T0 + ms })

describe('running the drawn diagram in the session', () => {
  it('freezes the diagram read at Run, with its seed, starting on the server clock', () => {
    const state = running()
    expect(state.seq).toBe(1)
    expect(state.drawnRun).toEqual({
      snapshot: diagram,
      seed: 7,
      events: [],
      startedAt: T0,
      pausedAtTick: null,
      pendingChange: null,
    })
    expect(state.driver).toEqual({ id: 'p1', name: 'Ana' })
  })

  it('refuses Run with no_diagram when nothing on the board has a component kind', () => {
    const result = applyIntent(INITIAL_SESSION, { type: 'drawn:run' }, ctx({ diagram: null }))
    expect(result).toMatchObject({ ok: false, code: 'no_diagram' })
  })

  it('lets only a facilitator run, change, pause or stop', () => {
    const state = running()
    const intents: SessionIntent[] = [
      { type: 'drawn:run' },
      { type: 'drawn:change', event: { type: 'kill-box', box: 'shape:cache' } },
      { type: 'drawn:pause' },
      { type: 'drawn:stop' },
    ]
    for (const role of ['editor', 'viewer'] as Role[])
      for (const intent of intents)
        expect(applyIntent(state, intent, ctx({ role }))).toMatchObject({
          ok: false,
          code: 'not_facilitator',
        })
  })

  it('replaces a scripted simulation, and loading a scenario ends the drawn run', () => {
    const withSim: SessionState = {
      ...INITIAL_SESSION,
      sim: { scenarioId: 'x', seed: 1, step: 0, failures: [], playing: false, speed: 1, stepStartedAt: 0 },
    }
    expect(accepted(applyIntent(withSim, { type: 'drawn:run' }, ctx())).sim).toBeNull()
    const scenario = { id: 'toy', seed: 1, steps: [] } as unknown as NonNullable<
      ReturnType<IntentContext['scenarioOf']>
    >
    const loaded = accepted(
      applyIntent(running(), { type: 'sim:load', scenarioId: 'toy' }, ctx({ scenarioOf: () => scenario })),
    )
    expect(loaded.drawnRun).toBeNull()
    expect(loaded.sim?.scenarioId).toBe('toy')
  })

  it('stamps a change at the next tick while playing, and in order, one seq each', () => {
    const state = running()
    const chaos = accepted(
      applyIntent(
        state,
        { type: 'drawn:change', event: { type: 'kill-box', box: 'shape:cache' } },
        at(2_549),
      ),
    )
    expect(chaos.seq).toBe(2)
    expect(chaos.drawnRun?.events).toEqual([{ atTick: 26, event: { type: 'kill-box', box: 'shape:cache' } }])
    const undo = accepted(
      applyIntent(chaos, { type: 'drawn:change', event: { type: 'undo-chaos' } }, at(3_000)),
    )
    expect(undo.seq).toBe(3)
    expect(undo.drawnRun?.events.map((e) => e.atTick)).toEqual([26, 31])
  })

  it('refuses a change naming a box the run does not hold, and a change with no run', () => {
    const event = { type: 'cache-flush', box: 'shape:nowhere' } as const
    expect(applyIntent(running(), { type: 'drawn:change', event }, ctx())).toMatchObject({
      ok: false,
      code: 'unknown_box',
    })
    expect(
      applyIntent(INITIAL_SESSION, { type: 'drawn:change', event: { type: 'undo-chaos' } }, ctx()),
    ).toMatchObject({ ok: false, code: 'no_drawn_run' })
  })

  it('pauses at the tick the clock gave, applies changes there, and resumes from it', () => {
    const paused = accepted(applyIntent(running(), { type: 'drawn:pause' }, at(1_234)))
    expect(paused.drawnRun?.pausedAtTick).toBe(12)
    expect(drawnRunTick(paused.drawnRun as NonNullable<SessionState['drawnRun']>, T0 + 60_000)).toBe(12)
    const changed = accepted(
      applyIntent(
        paused,
        { type: 'drawn:change', event: { type: 'cache-flush', box: 'shape:cache' } },
        at(9_000),
      ),
    )
    expect(changed.drawnRun?.events[0]?.atTick).toBe(12)
    const resumed = accepted(applyIntent(changed, { type: 'drawn:play' }, at(20_000)))
    const run = resumed.drawnRun as NonNullable<SessionState['drawnRun']>
    expect(drawnRunTick(run, T0 + 20_000)).toBe(12)
    expect(drawnRunTick(run, T0 + 20_000 + 5 * DRAWN_TICK_MS)).toBe(17)
    expect(accepted(applyIntent(resumed, { type: 'drawn:stop' }, at(21_000))).drawnRun).toBeNull()
  })

  it('treats pausing a paused run as no news', () => {
    const paused = accepted(applyIntent(running(), { type: 'drawn:pause' }, at(500)))
    expect(accepted(applyIntent(paused, { type: 'drawn:pause' }, at(900)))).toBe(paused)
  })

  it('does not accept a tick from a client: ticks come from the server clock', () => {
    const parsed = sessionIntentSchema.safeParse({ type: 'drawn:change', event: { type: 'tick', steps: 5 } })
    expect(parsed.success).toBe(false)
  })

  it('lets a facilitator hide the design hints from everyone, and show them again', () => {
    const hidden = accepted(applyIntent(INITIAL_SESSION, { type: 'drawn:hints', hidden: true }, ctx()))
    expect(hidden).toMatchObject({ seq: 1, hintsHidden: true })
    expect(accepted(applyIntent(hidden, { type: 'drawn:hints', hidden: true }, ctx()))).toBe(hidden)
    expect(accepted(applyIntent(hidden, { type: 'drawn:hints', hidden: false }, ctx()))).toMatchObject({
      seq: 2,
      hintsHidden: false,
    })
    expect(
      applyIntent(hidden, { type: 'drawn:hints', hidden: false }, ctx({ role: 'editor' })),
    ).toMatchObject({
      ok: false,
      code: 'not_facilitator',
    })
  })

  describe('predict, then reveal, before a change', () => {
    const kill = { type: 'kill-box', box: 'shape:cache' } as const
    const asked = () =>
      accepted(applyIntent(running(), { type: 'drawn:ask', event: kill }, at(3 * DRAWN_TICK_MS)))

    it('asks the room about the change, holding the run at its tick, and applies nothing yet', () => {
      const state = asked()
      expect(state.checkpoint).toMatchObject({
        question: 'What happens to p99 latency if “cache” goes down?',
        options: ['It jumps', 'It rises a little', 'About the same', 'It falls'],
        status: 'open',
      })
      expect(state.drawnRun).toMatchObject({ pausedAtTick: 3, events: [] })
      expect(state.drawnRun?.pendingChange).toEqual({ questionId: state.checkpoint?.id, event: kill })
    })

    it('refuses other changes and play while the question is open', () => {
      const state = asked()
      for (const intent of [{ type: 'drawn:change', event: kill }, { type: 'drawn:play' }] as SessionIntent[])
        expect(applyIntent(state, intent, at(10 * DRAWN_TICK_MS))).toMatchObject({
          ok: false,
          code: 'prediction_open',
        })
    })

    it('applies the change at the paused tick on reveal, and plays on from there', () => {
      const later = at(60 * DRAWN_TICK_MS)
      const revealed = accepted(applyIntent(asked(), { type: 'checkpoint:reveal' }, later))
      const run = revealed.drawnRun
      expect(run?.events).toEqual([{ atTick: 3, event: kill }])
      expect(run?.pendingChange).toBeNull()
      expect(run?.pausedAtTick).toBeNull()
      if (run) expect(drawnRunTick(run, later.now)).toBe(3)
    })

    it('drops the change when the question is closed, and the run stays paused', () => {
      const closed = accepted(applyIntent(asked(), { type: 'checkpoint:close' }, at(0)))
      expect(closed.drawnRun).toMatchObject({ pendingChange: null, events: [], pausedAtTick: 3 })
    })

    it('refuses a question about a box the run does not hold', () => {
      const result = applyIntent(
        running(),
        { type: 'drawn:ask', event: { type: 'kill-box', box: 'shape:nope' } },
        ctx(),
      )
      expect(result).toMatchObject({ ok: false, code: 'unknown_box' })
    })
  })

  it('keeps the run before Run again (or Stop), paused where it ended, for the charts to compare', () => {
    const first = running()
    const again = accepted(applyIntent(first, { type: 'drawn:run', seed: 8 }, at(25 * DRAWN_TICK_MS)))
    expect(again.drawnPrevious).toEqual({ ...first.drawnRun, pausedAtTick: 25 })
    expect(again.drawnRun?.seed).toBe(8)
    const stopped = accepted(applyIntent(again, { type: 'drawn:stop' }, at(40 * DRAWN_TICK_MS)))
    expect(stopped.drawnPrevious).toMatchObject({ seed: 8, pausedAtTick: 15 })
    // Run after Stop compares with the stopped run
    const third = accepted(applyIntent(stopped, { type: 'drawn:run', seed: 9 }, at(50 * DRAWN_TICK_MS)))
    expect(third.drawnPrevious).toEqual(stopped.drawnPrevious)
  })

  it('lets editors run the diagram while the facilitator allows it, and only then', () => {
    const editor = ctx({ role: 'editor', participant: { id: 'p2', name: 'Ben' } })
    expect(applyIntent(INITIAL_SESSION, { type: 'drawn:run' }, editor)).toMatchObject({
      code: 'not_facilitator',
    })
    const allowed = accepted(applyIntent(INITIAL_SESSION, { type: 'drawn:editors', allowed: true }, ctx()))
    expect(allowed.editorsMayRun).toBe(true)
    const run = accepted(applyIntent(allowed, { type: 'drawn:run', seed: 3 }, editor))
    expect(run.driver).toEqual({ id: 'p2', name: 'Ben' })
    const kill = { type: 'kill-box', box: 'shape:cache' } as const
    expect(
      accepted(applyIntent(run, { type: 'drawn:change', event: kill }, editor)).drawnRun?.events,
    ).toHaveLength(1)
    // still the facilitator's: the permission, the hints, questions; and viewers never
    for (const intent of [
      { type: 'drawn:editors', allowed: false },
      { type: 'drawn:hints', hidden: true },
      { type: 'drawn:ask', event: kill },
    ] as SessionIntent[])
      expect(applyIntent(run, intent, editor)).toMatchObject({ code: 'not_facilitator' })
    expect(applyIntent(run, { type: 'drawn:pause' }, ctx({ role: 'viewer' }))).toMatchObject({
      code: 'not_facilitator',
    })
    const withdrawn = accepted(applyIntent(run, { type: 'drawn:editors', allowed: false }, ctx()))
    expect(applyIntent(withdrawn, { type: 'drawn:stop' }, editor)).toMatchObject({ code: 'not_facilitator' })
  })
})
