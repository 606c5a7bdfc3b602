import { describe, expect, it } from 'vitest'
import { advanceDrawnRun, type DrawnRun, drawnRunTick, startDrawnRun } from '../../shared/session/drawn-run'
import { hashState } from '../../shared/sim/state-hash'
import { arrowBindings, arrowShape, componentBox } from '../support/board-records'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

describe("a run of the board's own diagram over socket.io", () => {
  const app = useTestServer()

  it('refuses Run with no_diagram on a board with nothing to run', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'drawn:run' })).toMatchObject({ ok: false, code: 'no_diagram' })
    expect(ana.latest()?.drawnRun).toBeNull()
  })

  it('shows two screens the same run, and at the same tick the same state hash', async () => {
    const board = await createTestBoard(app.url)
    const drawer = await app.client(board.id, board.tokens.editor)
    const records = [
      componentBox('shape:users', 'client'),
      componentBox('shape:api', 'service', { x: 200 }),
      componentBox('shape:cache', 'cache', { x: 400 }),
      arrowShape('shape:call'),
      arrowShape('shape:look'),
      ...arrowBindings('shape:call', 'shape:users', 'shape:api'),
      ...arrowBindings('shape:look', 'shape:api', 'shape:cache'),
    ]
    drawer.doc.transact(() => {
      for (const record of records) drawer.records.set(record.id, record)
    })
    // the drawing reaches the server (seen relayed to another client) before Run reads it
    const watcher = await app.client(board.id, board.tokens.viewer)
    await waitUntil(() => watcher.records.size >= records.length, 'the drawing on the server')
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const bo = await app.session(board.id, board.tokens.viewer, 'Bo')
    expect(await bo.intent({ type: 'drawn:run' })).toMatchObject({ ok: false, code: 'not_facilitator' })
    expect(await ana.intent({ type: 'drawn:run', seed: 99 })).toEqual({ ok: true })
    const event = { type: 'kill-box', box: 'shape:cache' } as const
    expect(await ana.intent({ type: 'drawn:change', event })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'drawn:pause' })).toEqual({ ok: true })
    await Promise.all([ana.waitForSeq(3), bo.waitForSeq(3)])

    const runOf = (state: (typeof ana.states)[number] | undefined) => state?.drawnRun as DrawnRun
    const seen = runOf(ana.latest())
    expect(runOf(bo.latest())).toEqual(seen)
    expect(seen.snapshot.boxes.map((b) => [b.id, b.kind])).toEqual([
      ['shape:api', 'service'],
      ['shape:cache', 'cache'],
      ['shape:users', 'client'],
    ])
    expect(seen.snapshot.calls.map((c) => `${c.from}>${c.to}`)).toEqual([
      'shape:users>shape:api',
      'shape:api>shape:cache',
    ])
    expect(seen.events).toEqual([{ atTick: expect.any(Number), event }])

    // Each screen derives the state itself; the same tick gives the same hash.
    const tick = Math.max(drawnRunTick(seen, Date.now()), (seen.events[0]?.atTick ?? 0) + 5)
    const hashOn = (run: DrawnRun) => hashState(advanceDrawnRun(startDrawnRun(run), run, tick).state)
    const hashes = [hashOn(seen), hashOn(runOf(bo.latest()))]
    expect(hashes[0]).toMatch(/^[0-9a-f]+$/)
    expect(hashes[1]).toBe(hashes[0])
    const before = hashState(advanceDrawnRun(startDrawnRun(seen), { ...seen, events: [] }, tick).state)
    expect(before).not.toBe(hashes[0]) // the chaos changed the run

    // The server checks reported hashes as it checks a scenario's: a screen whose run is off
    // is sent the state again (same seq); a true report changes nothing.
    const paused = seen.pausedAtTick ?? 0
    const truth = hashState(advanceDrawnRun(startDrawnRun(seen), seen, paused).state)
    const received = bo.states.length
    bo.socket.emit('session:report', { seq: 3, tick: paused, hash: truth })
    bo.socket.emit('session:report', { seq: 3, tick: paused, hash: 'f00d' })
    await waitUntil(() => bo.states.length > received, 'the state sent again to the screen that was off')
    expect(bo.states.slice(received).map((state) => state.seq)).toEqual([3])
    const room = await app.server.sessions.peek(board.id)
    expect(room?.hashMismatches).toBe(1) // only the wrong report
    // a tick the run has not reached on the server clock is not judged
    bo.socket.emit('session:report', { seq: 3, tick: paused + 1_000, hash: 'f00d' })

    expect(await ana.intent({ type: 'drawn:stop' })).toEqual({ ok: true })
    await bo.waitForSeq(4)
    expect(room?.hashMismatches).toBe(1)
    expect(bo.latest()?.drawnRun).toBeNull()
  })
})
