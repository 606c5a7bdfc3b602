import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicSessionState } from '../../shared/session/session-state'
import { type Instances, startInstances } from '../support/instances'
import { joinSession, type SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { waitUntil } from '../support/wait'

const SCENARIO = 'kappa-reprocess'
const LAST_STEP = 6
const PARTICIPANTS = 20

/**
 * From a participant's first state on: seq advances by exactly one per state, and the step never
 * skips or goes back (each tick moves it by one; other changes leave it).
 */
function expectEveryTickOnce(states: readonly PublicSessionState[]) {
  const first = states[0]
  expect(states.map((state) => state.seq)).toEqual(states.map((_, i) => (first?.seq ?? 0) + i))
  const steps = states.map((state) => state.sim?.step ?? 0)
  const moves = steps.slice(1).map((step, i) => step - (steps[i] ?? 0))
  expect(moves.every((move) => move === 0 || move === 1)).toBe(true)
}

/**
 * Issue 14's fault: three instances behind the real balancer, the instance holding the session
 * (it started play, so it runs the clock) is killed with SIGKILL mid-play.
 */
describe('the live session when the instance holding it dies behind the balancer', {
  timeout: 180_000,
}, () => {
  let instances: Instances
  beforeAll(async () => {
    instances = await startInstances(3, { CLOCK_LEASE_MS: '1000' })
  }, 180_000)
  afterAll(() => instances?.close(), 60_000)

  it('continues at the same step on the survivors, every participant reconnecting through the balancer', async () => {
    const board = await createTestBoard(instances.url)
    const [holder] = instances.list
    if (!holder) throw new Error('no instance')
    // the facilitator reaches the first instance directly, so that one starts play and holds the clock
    const ana = await joinSession(holder.url, board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })).toEqual({ ok: true })
    const room: SessionClient[] = []
    for (let i = 0; i < PARTICIPANTS; i++)
      room.push(await joinSession(instances.url, board.id, board.tokens.viewer, `Viewer ${i}`))
    const dropped = new Set<SessionClient>()
    for (const client of room) client.socket.on('disconnect', () => dropped.add(client))
    expect(await ana.intent({ type: 'sim:speed', speed: 4 })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:play' })).toEqual({ ok: true })
    await waitUntil(
      () => room.every((client) => (client.latest()?.sim?.step ?? 0) >= 1),
      'play under way',
      30_000,
    )

    // killed mid-play: the steps after this one can only come from another instance's clock
    expect(room[0]?.latest()?.sim?.step).toBeLessThan(LAST_STEP - 1)
    holder.process.child.kill('SIGKILL')
    expect(await holder.process.exited).toBe('SIGKILL')
    await waitUntil(() => !ana.socket.connected, 'the facilitator to notice')
    // those on the dead instance (about a third, by leastconn) come back through the balancer
    const moved = [...dropped]
    expect(moved.length).toBeGreaterThan(0)
    const before = new Map(moved.map((client) => [client, client.latest()]))
    const rejoined = await Promise.all(
      moved.map((_, i) => joinSession(instances.url, board.id, board.tokens.viewer, `Moved ${i}`)),
    )
    const stayed = room.filter((client) => !dropped.has(client))
    const everyone = [...stayed, ...rejoined]

    await waitUntil(
      () => everyone.every((client) => client.latest()?.sim?.step === LAST_STEP),
      'the survivors to play on to the last step',
      90_000,
    )
    // one session: every screen ends at the same seq and state
    const final = everyone.map((client) => client.latest()?.seq)
    expect(new Set(final).size).toBe(1)
    for (const client of stayed) expectEveryTickOnce(client.states)
    moved.forEach((client, i) => {
      const after = rejoined[i]?.states ?? []
      const last = before.get(client)
      expect(after[0]?.sim?.scenarioId).toBe(SCENARIO)
      // nothing went back: the rejoined screen resumes at or after where it was
      expect(after[0]?.seq ?? -1).toBeGreaterThanOrEqual(last?.seq ?? 0)
      expect(after[0]?.sim?.step ?? -1).toBeGreaterThanOrEqual(last?.sim?.step ?? 0)
      expectEveryTickOnce(after)
    })
    for (const client of [...room, ...rejoined, ana]) client.close()
  })
})
