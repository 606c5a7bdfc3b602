import { afterAll, describe, expect, it } from 'vitest'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import { TEST_DATABASE_URL } from '../support/postgres'
import { type ServerProcess, startServerProcess } from '../support/server-process'
import { joinSession } from '../support/session-client'
import { createTestBoard, removeDir, tempDataDir } from '../support/test-server'
import { TEST_REDIS_URL, useInstances } from '../support/use-instances'
import { waitUntil } from '../support/wait'

const SCENARIO = 'kappa-reprocess'
const LEASE_MS = 1000

/** The instance running a board's auto-play clock is killed: another takes the clock over. */
describe('the auto-play clock when its instance dies', () => {
  const instances = useInstances(1, { clockLeaseMs: LEASE_MS })
  const b = 0
  let holder: ServerProcess | undefined
  const dataDir = tempDataDir()

  afterAll(async () => {
    holder?.child.kill('SIGKILL')
    await holder?.exited
    removeDir(dataDir)
  })

  it('continues on B from the step A last stored, with no step lost or applied twice', async () => {
    // A is a process of its own, so it can die as a crashed machine does: no goodbye, no lease released
    holder = await startServerProcess(dataDir, {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: instances.schema,
      REDIS_URL: TEST_REDIS_URL.href,
      CLOCK_LEASE_MS: String(LEASE_MS),
    })
    const board = await createTestBoard(holder.url)
    const scenario = scenarioSchema.parse(
      await (await fetch(`${holder.url}/api/scenarios/${SCENARIO}`)).json(),
    )
    const ana = await joinSession(holder.url, board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:speed', speed: 4 })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:play' })).toEqual({ ok: true }) // A starts play: A runs the clock

    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    const joinedAt = ben.latest()?.seq ?? 0
    await waitUntil(() => (ben.latest()?.sim?.step ?? 0) >= 1, 'a tick from A to reach Ben on B', 20_000)
    const onB = async () => (await instances.on(b).sessions.peek(board.id))?.commits ?? 0
    expect(await onB()).toBe(0) // B holds the board but not the clock
    await waitUntil(() => ben.participants().some((p) => p.name === 'Ana'), 'Ana in the list on B')

    holder.child.kill('SIGKILL')
    await holder.exited
    const lastStep = scenario.steps.length - 1
    await waitUntil(() => ben.latest()?.sim?.step === lastStep, 'B to play on to the last step', 60_000)
    expect(ben.latest()?.sim?.playing).toBe(false)
    expect(await onB()).toBeGreaterThan(0) // B took the clock over

    // every tick once: from Ben's first state on, seq and step each advance by exactly one
    const seen = ben.states.filter((state) => state.seq >= joinedAt)
    const first = seen[0]
    expect(seen.map((state) => state.seq)).toEqual(seen.map((_, i) => (first?.seq ?? 0) + i))
    expect(seen.map((state) => state.sim?.step)).toEqual(seen.map((_, i) => (first?.sim?.step ?? 0) + i))
    await waitUntil(
      () => !ben.participants().some((p) => p.name === 'Ana'),
      'Ana, whose instance died, to leave',
    )
  }, 120_000)
})
