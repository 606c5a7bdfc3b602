import { describe, expect, it } from 'vitest'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import type { PublicSessionState } from '../../shared/session/session-state'
import type { SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useInstances } from '../support/use-instances'
import { waitUntil } from '../support/wait'

const SCENARIO = 'cells-poison-tenant'
const EACH = 50

/** Every state a client saw, one per seq: fails if one seq ever came with two different states. */
function bySeq(clients: SessionClient[]): Map<number, string> {
  const seen = new Map<number, string>()
  for (const state of clients.flatMap((client) => client.states)) {
    const { yourRole: _, checkpoint: __, ...shared } = state
    const json = JSON.stringify(shared)
    expect(seen.get(state.seq) ?? json, `two different states with seq ${state.seq}`).toBe(json)
    seen.set(state.seq, json)
  }
  return seen
}

const strictlyIncreasing = (states: PublicSessionState[]) =>
  states.every((state, i) => i === 0 || state.seq > (states[i - 1]?.seq ?? -1))

/** One order for every change, whichever instance it came through: seq + 1 each, never one seq twice. */
describe('one order across two instances', () => {
  // each facilitator sends 50 intents at once: lift the per-connection allowance this test is not about
  const instances = useInstances(2, { sessionEvents: { burst: 1000, perMinute: 60_000 }, clockLeaseMs: 1000 })
  const [a, b] = [0, 1]
  const committed = async (index: number, boardId: string) =>
    (await instances.on(index).sessions.peek(boardId))?.commits ?? 0

  it(`applies ${EACH} intents from A and ${EACH} from B, sent at once, each exactly once in one order`, async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.facilitator, 'Ben')
    expect(await ana.intent({ type: 'timer:start', minutes: 1 })).toEqual({ ok: true })
    await ben.waitForSeq(1)

    const acks = await Promise.all(
      [ana, ben].flatMap((who) =>
        Array.from({ length: EACH }, () => who.intent({ type: 'timer:add', minutes: 1 })),
      ),
    )
    expect(acks.filter((ack) => !ack.ok)).toEqual([])
    const last = 1 + 2 * EACH
    const [onA, onB] = await Promise.all([ana.waitForSeq(last), ben.waitForSeq(last)])
    for (const state of [onA, onB]) {
      expect(state.seq).toBe(last)
      expect((state.timer?.endsAt ?? 0) - (state.timer?.startedAt ?? 0)).toBe(last * 60_000) // every minute once
    }
    expect(strictlyIncreasing(ana.states) && strictlyIncreasing(ben.states)).toBe(true)
    bySeq([ana, ben])
    // the two instances committed 101 changes between them, one per seq
    expect((await committed(a, board.id)) + (await committed(b, board.id))).toBe(last)
  })

  it('auto-plays a board both instances hold exactly once per tick', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    expect(await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:speed', speed: 4 })).toEqual({ ok: true })
    const before = (await committed(a, board.id)) + (await committed(b, board.id))
    expect(await ana.intent({ type: 'sim:play' })).toEqual({ ok: true })
    const playedAt = (await ben.waitForSeq(3)).seq

    await waitUntil(() => ben.latest()?.sim?.playing === false, 'auto-play to reach the last step', 30_000)
    const lastStep = ben.latest()?.sim?.step ?? 0
    expect(lastStep).toBeGreaterThan(1)
    await ana.waitForSeq(ben.latest()?.seq ?? 0)
    // one seq per tick: the step advanced exactly as often as seq did, on both screens
    for (const client of [ana, ben]) {
      const playing = client.states.filter((state) => state.seq >= playedAt)
      expect(playing.map((state) => state.sim?.step)).toEqual(playing.map((_, i) => i))
      expect(playing.map((state) => state.seq)).toEqual(playing.map((_, i) => playedAt + i))
    }
    bySeq([ana, ben])
    // and no tick came early (a second instance ticking too would start steps sooner): server-clock data
    const scenario = scenarioSchema.parse(
      await (await fetch(`${instances.on(a).url}/api/scenarios/${SCENARIO}`)).json(),
    )
    const playing = ben.states.filter((state) => state.seq >= playedAt)
    for (const [i, state] of playing.entries()) {
      const previous = playing[i - 1]?.sim
      if (!previous || !state.sim) continue
      const due = previous.stepStartedAt + (scenario.steps[previous.step]?.durationMs ?? 0) / previous.speed
      expect(state.sim.stepStartedAt).toBeGreaterThanOrEqual(due)
    }
    const after = (await committed(a, board.id)) + (await committed(b, board.id))
    expect(after - before).toBe(1 + lastStep) // the play, then one commit per tick between both instances
  })
})
