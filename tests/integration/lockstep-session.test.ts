import { describe, expect, it } from 'vitest'
import { scenarioSchema } from '../../shared/scenarios/scenario-schema'
import type { PublicSessionState as SessionState } from '../../shared/session/session-state'
import { simulateSession } from '../../shared/session/simulate'
import type { SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

const SCENARIO = 'cells-poison-tenant'

describe('lockstep session over socket.io', () => {
  const app = useTestServer()
  const scenario = async () =>
    scenarioSchema.parse(await (await fetch(`${app.url}/api/scenarios/${SCENARIO}`)).json())
  const hashOf = async (state: SessionState) => {
    const result = state.sim ? simulateSession(state.sim, await scenario()) : null
    return result?.ok ? result.hash : null
  }

  it('shows 20 participants every step in the same order with the same state hash', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const others = await Promise.all(
      Array.from({ length: 19 }, (_, i) =>
        app.session(board.id, i % 2 ? board.tokens.viewer : board.tokens.editor, `P${i}`),
      ),
    )
    const everyone = [ana, ...others]
    const steps = (await scenario()).steps.length

    expect(await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })).toEqual({ ok: true })
    for (let i = 1; i < steps; i++) expect(await ana.intent({ type: 'sim:step' })).toEqual({ ok: true })
    const failureId = (await scenario()).failureModes[0]?.id ?? ''
    expect(await ana.intent({ type: 'sim:trigger', failureId })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:back' })).toEqual({ ok: true })
    const finalSeq = steps + 2
    await Promise.all(everyone.map((c) => c.waitForSeq(finalSeq)))

    // Everyone sees the same session; only `yourRole` is personal.
    const seen = (c: SessionClient) =>
      c.states.filter((s) => s.seq > 0).map(({ yourRole: _own, ...shared }) => JSON.stringify(shared))
    const reference = seen(ana)
    expect(reference).toHaveLength(finalSeq)
    expect(ana.states.filter((s) => s.seq > 0).map((s) => s.seq)).toEqual(
      Array.from({ length: finalSeq }, (_, i) => i + 1),
    )
    for (const c of others) expect(seen(c)).toEqual(reference)

    // Each screen computes the picture itself and reports its hash; none differs from the server's.
    const last = ana.latest() as SessionState
    const hash = await hashOf(last)
    expect(hash).toMatch(/^[0-9a-f]+$/)
    for (const c of everyone) c.socket.emit('session:report', { seq: last.seq, hash })
    const room = await app.server.sessions.peek(board.id)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(room?.hashMismatches).toBe(0)
    expect(last.driver?.name).toBe('Ana')
  })

  it("refuses an editor's and a viewer's step with not_facilitator, and changes nothing", async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator)
    await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })
    const editor = await app.session(board.id, board.tokens.editor)
    const viewer = await app.session(board.id, board.tokens.viewer)
    for (const who of [editor, viewer]) {
      expect(await who.intent({ type: 'sim:step' })).toMatchObject({ ok: false, code: 'not_facilitator' })
      expect(await who.intent({ type: 'sim:load', scenarioId: SCENARIO })).toMatchObject({
        code: 'not_facilitator',
      })
    }
    expect(ana.latest()?.seq).toBe(1)
    expect(editor.latest()?.sim?.step).toBe(0)
  })

  it('answers bad intents with a reason, never silence', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator)
    expect(await ana.intent({ type: 'sim:step' })).toMatchObject({ ok: false, code: 'no_scenario' })
    expect(await ana.intent({ type: 'sim:load', scenarioId: 'no-such' })).toMatchObject({
      code: 'unknown_scenario',
    })
    await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })
    expect(await ana.intent({ type: 'sim:back' })).toMatchObject({ code: 'bad_step' })
    expect(await ana.intent({ type: 'sim:trigger', failureId: 'meteor' })).toMatchObject({
      code: 'unknown_failure',
    })
    for (const garbage of [
      null,
      42,
      'step',
      { type: 'sim:warp' },
      { type: 'sim:speed', speed: 99 },
      { type: 'sim:step', x: 1 },
    ]) {
      expect(await ana.socket.emitWithAck('session:intent', garbage)).toMatchObject({
        ok: false,
        code: 'bad_intent',
      })
    }
    expect(ana.latest()?.seq).toBe(1)
  })

  it('resyncs a client whose state hash differs, and counts it', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator)
    await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })
    const drifted = await app.session(board.id, board.tokens.viewer)
    const before = drifted.states.length
    drifted.socket.emit('session:report', { seq: 1, hash: 'deadbeef' })
    await waitUntil(() => drifted.states.length > before, 'the resync')
    expect({ ...drifted.latest(), yourRole: 'facilitator' }).toEqual(ana.latest())
    expect((await app.server.sessions.peek(board.id))?.hashMismatches).toBe(1)
  })

  it('auto-plays on the server clock, and a client that reconnects mid-play catches up', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator)
    await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })
    await ana.intent({ type: 'sim:speed', speed: 4 })
    const ben = await app.session(board.id, board.tokens.viewer)
    await ana.intent({ type: 'sim:play' })
    await waitUntil(() => (ben.latest()?.sim?.step ?? 0) >= 1, 'auto-play to reach step 2', 20_000)
    ben.close()
    const stepAtLeave = ben.latest()?.sim?.step ?? 0
    await waitUntil(() => (ana.latest()?.sim?.step ?? 0) > stepAtLeave, 'auto-play to move on', 20_000)
    const back = await app.session(board.id, board.tokens.viewer)
    expect({ ...back.latest(), yourRole: 'facilitator' }).toEqual(ana.latest())
    await ana.intent({ type: 'sim:pause' })
  })
})
