import { describe, expect, it } from 'vitest'
import { restClient } from '../support/rest-client'
import { createTestBoard } from '../support/test-server'
import { useInstances } from '../support/use-instances'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'

const SCENARIO = 'cells-poison-tenant'

/** People on one board, connected to different instances, see one live session. */
describe('the live session across two instances', () => {
  const instances = useInstances(2)
  const [a, b] = [0, 1]

  it('shows steps, the presented section, the timer and votes decided on A to people on B, in order', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    expect(await ana.intent({ type: 'sim:load', scenarioId: SCENARIO })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'sim:step' })).toEqual({ ok: true })
    expect(
      await ana.intent({ type: 'article:present', articleId: 'kappa-architecture', sectionId: 'tradeoffs' }),
    ).toEqual({ ok: true })
    expect(await ana.intent({ type: 'timer:start', minutes: 10 })).toEqual({ ok: true })
    expect(
      await ana.intent({ type: 'checkpoint:open', question: 'Which?', options: ['a', 'b'], answer: 1 }),
    ).toEqual({ ok: true })
    const asked = await ben.waitForSeq(5)
    // Ben votes on B; Ana, on A, reveals
    expect(await ben.intent({ type: 'vote', checkpointId: asked.checkpoint?.id ?? '', option: 1 })).toEqual({
      ok: true,
    })
    await ana.waitForSeq(6)
    expect(await ana.intent({ type: 'checkpoint:reveal' })).toEqual({ ok: true })

    const [onA, onB] = await Promise.all([ana.waitForSeq(7), ben.waitForSeq(7)])
    expect(ben.states.map((state) => state.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    for (const state of [onA, onB]) {
      expect(state.sim).toMatchObject({ scenarioId: SCENARIO, step: 1 })
      expect(state.presentation).toEqual({ articleId: 'kappa-architecture', sectionId: 'tradeoffs' })
      expect((state.timer?.endsAt ?? 0) - (state.timer?.startedAt ?? 0)).toBe(10 * 60_000)
      expect(state.checkpoint).toMatchObject({ status: 'revealed', voteCount: 1, results: [0, 1] })
    }
    expect(onB.checkpoint?.myVote).toBe(1)
    expect(onA.yourRole).toBe('facilitator')
    expect(onB.yourRole).toBe('viewer')
  })

  it('lists everyone on either instance with their names and roles, and a promotion made on A reaches B', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    const names = (list: { name: string; role: string }[]) => list.map((p) => `${p.name}:${p.role}`).sort()
    await waitUntil(
      () => [ana, ben].every((c) => names(c.participants()).join() === 'Ana:facilitator,Ben:viewer'),
      'both names on both instances',
    )

    const notices: unknown[] = []
    ben.socket.on('session:notice', (notice) => notices.push(notice))
    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'editor' }),
    ).toEqual({
      ok: true,
    })
    await waitUntil(() => ben.latest()?.yourRole === 'editor', 'Ben, on B, to become an editor')
    await waitUntil(
      () => [ana, ben].every((c) => names(c.participants()).join() === 'Ana:facilitator,Ben:editor'),
      'the new role in both lists',
    )
    await waitUntil(() => notices.length === 1, 'Ben to hear who promoted him')
    expect(notices[0]).toEqual({ kind: 'role-changed', by: 'Ana', role: 'editor' })

    // his edits are taken on B, which learnt of the grant from A
    const benDoc = await instances.client(b, board.id, board.tokens.viewer, ben.identity)
    const watcher = await instances.client(a, board.id, board.tokens.facilitator)
    benDoc.records.set('shape:promoted', shapeRecord('shape:promoted'))
    await waitUntil(() => watcher.records.has('shape:promoted'), "the promoted viewer's edit to reach A")

    ben.close()
    await waitUntil(
      () => names(ana.participants()).join() === 'Ana:facilitator',
      'Ben to leave the list on A',
    )
  })

  it('shows a hand raised on B to Ana on A, who lowers it from there; reactions reach both', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    const handOf = (client: typeof ana) => client.participants().find((p) => p.name === 'Ben')?.handRaisedAt
    expect(await ben.socket.emitWithAck('hand:raise')).toEqual({ ok: true })
    await waitUntil(
      () => handOf(ana) !== undefined && handOf(ben) !== undefined,
      "Ben's hand on both instances",
    )
    expect(await ana.socket.emitWithAck('hand:lower', { participantId: ben.socket.id })).toEqual({ ok: true })
    await waitUntil(() => handOf(ana) === undefined && handOf(ben) === undefined, "Ben's hand lowered from A")

    const reactions: unknown[] = []
    ana.socket.on('room:reaction', (reaction) => reactions.push(reaction))
    expect(await ben.socket.emitWithAck('room:react', { reaction: 'clap' })).toEqual({ ok: true })
    await waitUntil(() => reactions.length === 1, "Ben's reaction to reach A")
  })

  it('drops edits from an editor on B while Ana on A has locked editing, and takes them once unlocked', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.editor, 'Ben')
    const editorDoc = await instances.client(b, board.id, board.tokens.editor, ben.identity)
    const facilitatorOnB = await instances.client(b, board.id, board.tokens.facilitator)
    const facilitatorOnA = await instances.client(a, board.id, board.tokens.facilitator)
    expect(await ana.intent({ type: 'editing:lock', locked: true })).toEqual({ ok: true })
    await waitUntil(() => ben.latest()?.editingLocked === true, 'the lock to reach B')

    editorDoc.records.set('shape:while-locked', shapeRecord('shape:while-locked'))
    facilitatorOnB.records.set('shape:facilitator', shapeRecord('shape:facilitator'))
    await waitUntil(
      () => facilitatorOnA.records.has('shape:facilitator'),
      "the facilitator's edit to reach A",
    )
    const onB = (await instances.on(b).rooms.peek(board.id))?.doc.getMap('tldraw')
    expect(onB?.has('shape:facilitator')).toBe(true)
    expect(onB?.has('shape:while-locked')).toBe(false)
    expect(facilitatorOnA.records.has('shape:while-locked')).toBe(false)

    expect(await ana.intent({ type: 'editing:lock', locked: false })).toEqual({ ok: true })
    await waitUntil(() => ben.latest()?.editingLocked === false, 'the unlock to reach B')
    editorDoc.records.set('shape:after-unlock', shapeRecord('shape:after-unlock'))
    await waitUntil(() => facilitatorOnA.records.has('shape:after-unlock'), 'the edit after unlocking')
  })

  it('refuses an editor who opens the board on B after B let it go while Ana locked editing on A', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const before = await instances.client(b, board.id, board.tokens.editor)
    before.records.set('shape:before', shapeRecord('shape:before'))
    const watcher = await instances.client(a, board.id, board.tokens.facilitator)
    await waitUntil(() => watcher.records.has('shape:before'), 'an edit through B while unlocked')
    before.destroy()
    await instances.on(b).rooms.unload(board.id) // B holds nothing of the board now, and hears nothing of it
    expect(await ana.intent({ type: 'editing:lock', locked: true })).toEqual({ ok: true })

    const editor = await instances.client(b, board.id, board.tokens.editor)
    const facilitatorOnB = await instances.client(b, board.id, board.tokens.facilitator)
    editor.records.set('shape:while-locked', shapeRecord('shape:while-locked'))
    facilitatorOnB.records.set('shape:sentinel', shapeRecord('shape:sentinel'))
    await waitUntil(() => watcher.records.has('shape:sentinel'), "the facilitator's edit through B")
    expect((await instances.on(b).rooms.peek(board.id))?.doc.getMap('tldraw').has('shape:while-locked')).toBe(
      false,
    )
    expect(watcher.records.has('shape:while-locked')).toBe(false)
  })

  it('tells people on B the title Ana gave the board through A', async () => {
    const board = await createTestBoard(instances.on(a).url, 'Old name')
    const ben = await instances.session(b, board.id, board.tokens.viewer, 'Ben')
    const renamed: unknown[] = []
    ben.socket.on('board:renamed', (payload) => renamed.push(payload))
    const res = await restClient(instances.on(a).url).patch(
      `/api/boards/${board.id}`,
      board.tokens.facilitator,
      {
        title: 'New name',
      },
    )
    expect(res.status).toBe(200)
    await waitUntil(() => renamed.length === 1, 'the rename to reach B')
    expect(renamed[0]).toEqual({ title: 'New name' })
  })
})
