import { describe, expect, it } from 'vitest'
import type { ViewArea } from '../../shared/protocol/session'
import type { SessionIntent } from '../../shared/session/intents'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { shapeRecord } from '../support/yjs-client'

describe('facilitation over the live session', () => {
  const app = useTestServer()

  it('lets only the facilitator present, time, follow and ask, and everyone sees it in order', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.editor, 'Ben')
    const cleo = await app.session(board.id, board.tokens.viewer, 'Cleo')
    for (const who of [ben, cleo]) {
      for (const intent of [
        { type: 'article:present', articleId: 'kappa-architecture', sectionId: 'tradeoffs' },
        { type: 'timer:start', minutes: 5 },
        { type: 'follow:start' },
        { type: 'checkpoint:open', question: 'Which?', options: ['a', 'b'] },
        { type: 'editing:lock', locked: true },
      ] satisfies SessionIntent[]) {
        expect(await who.intent(intent)).toMatchObject({ ok: false, code: 'not_facilitator' })
      }
    }
    expect(
      await ana.intent({ type: 'article:present', articleId: 'kappa-architecture', sectionId: 'tradeoffs' }),
    ).toEqual({ ok: true })
    expect(await ana.intent({ type: 'timer:start', minutes: 10 })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'follow:start' })).toEqual({ ok: true })
    const seen = await Promise.all([ana, ben, cleo].map((c) => c.waitForSeq(3)))
    for (const state of seen) {
      expect(state.presentation).toEqual({ articleId: 'kappa-architecture', sectionId: 'tradeoffs' })
      expect(state.follow).toMatchObject({ leaderName: 'Ana' })
      expect((state.timer?.endsAt ?? 0) - (state.timer?.startedAt ?? 0)).toBe(10 * 60_000)
    }
    expect(ben.states.map((s) => s.seq)).toEqual([0, 1, 2, 3])
    const serverNow = (await ben.socket.emitWithAck('session:clock')) as number
    expect(serverNow).toBeGreaterThanOrEqual(seen[0]?.timer?.startedAt ?? Number.POSITIVE_INFINITY)
  })

  it('counts one vote per participant, hides the tally until the reveal, then shows everyone the same totals', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const cleo = await app.session(board.id, board.tokens.editor, 'Cleo')
    expect(
      await ana.intent({
        type: 'checkpoint:open',
        question: 'Share of tenants hit?',
        options: ['1/3', '1/2', 'all'],
        answer: 0,
      }),
    ).toEqual({ ok: true })
    const open = await ben.waitForSeq(1)
    const id = open.checkpoint?.id ?? ''
    expect(open.checkpoint).toMatchObject({ status: 'open', voteCount: 0, results: null, answer: null })

    expect(await ben.intent({ type: 'vote', checkpointId: id, option: 1 })).toEqual({ ok: true })
    expect(await ben.intent({ type: 'vote', checkpointId: id, option: 0 })).toEqual({ ok: true }) // changes their mind
    // Ben reconnects as the same browser: still one vote.
    ben.close()
    const benAgain = await app.session(board.id, board.tokens.viewer, 'Ben', ben.identity)
    expect(benAgain.latest()?.checkpoint?.myVote).toBe(0)
    expect(await benAgain.intent({ type: 'vote', checkpointId: id, option: 0 })).toEqual({ ok: true }) // the same vote: no news
    expect(await cleo.intent({ type: 'vote', checkpointId: id, option: 2 })).toEqual({ ok: true })
    expect(await cleo.intent({ type: 'vote', checkpointId: id, option: 3 })).toMatchObject({
      code: 'bad_option',
    })

    const live = await ana.waitForSeq(4)
    expect(live.checkpoint).toMatchObject({ voteCount: 2, results: [1, 0, 1] }) // the facilitator watches it grow
    const hidden = await cleo.waitForSeq(4)
    expect(hidden.checkpoint).toMatchObject({ voteCount: 2, results: null, myVote: 2 })

    expect(await ana.intent({ type: 'checkpoint:reveal' })).toEqual({ ok: true })
    const revealed = await Promise.all([ana, benAgain, cleo].map((c) => c.waitForSeq(5)))
    for (const state of revealed)
      expect(state.checkpoint).toMatchObject({ status: 'revealed', results: [1, 0, 1], answer: 0 })
    expect(await cleo.intent({ type: 'vote', checkpointId: id, option: 1 })).toMatchObject({
      code: 'checkpoint_revealed',
    })
  })

  it("drops an editor's board updates while editing is locked, and takes edits again once unlocked", async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const facilitatorDoc = await app.client(board.id, board.tokens.facilitator)
    const editorDoc = await app.client(board.id, board.tokens.editor)
    expect(await ana.intent({ type: 'editing:lock', locked: true })).toEqual({ ok: true })
    await ana.waitForSeq(1)

    editorDoc.records.set('shape:while-locked', shapeRecord('shape:while-locked'))
    facilitatorDoc.records.set('shape:facilitator', shapeRecord('shape:facilitator'))
    await waitUntil(
      () => editorDoc.records.has('shape:facilitator'),
      'the facilitator edit to reach the editor',
    )
    const serverDoc = (await app.server.rooms.peek(board.id))?.doc.getMap('tldraw')
    expect(serverDoc?.has('shape:facilitator')).toBe(true)
    expect(serverDoc?.has('shape:while-locked')).toBe(false)
    expect(facilitatorDoc.records.has('shape:while-locked')).toBe(false)

    expect(await ana.intent({ type: 'editing:lock', locked: false })).toEqual({ ok: true })
    await ana.waitForSeq(2)
    editorDoc.records.set('shape:after-unlock', shapeRecord('shape:after-unlock'))
    await waitUntil(() => facilitatorDoc.records.has('shape:after-unlock'), 'the edit after unlocking')
    expect(facilitatorDoc.records.toJSON()).toEqual(editorDoc.records.toJSON()) // converged again
  })

  it('brings everyone to the facilitator’s view, and refuses the summons from anyone else', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const received: ViewArea[] = []
    ben.socket.on('view:summon', (area: ViewArea) => received.push(area))
    const area = { x: 10, y: 20, w: 800, h: 600 }
    expect(await ana.socket.emitWithAck('view:summon', area)).toEqual({ ok: true })
    await waitUntil(() => received.length === 1, 'the summons')
    expect(received[0]).toEqual(area)
    expect(await ben.socket.emitWithAck('view:summon', area)).toMatchObject({
      ok: false,
      code: 'not_facilitator',
    })
    expect(await ana.socket.emitWithAck('view:summon', { x: 'far' })).toMatchObject({
      ok: false,
      code: 'bad_intent',
    })
  })
})

describe('roles granted in the session', () => {
  const app = useTestServer()

  it('promotes a viewer to editor (their board edits then count) and demotes them again', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const watcher = await app.client(board.id, board.tokens.facilitator)
    const benDoc = await app.client(board.id, board.tokens.viewer, ben.identity)
    expect(ben.latest()?.yourRole).toBe('viewer')
    expect(
      await ben.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'facilitator' }),
    ).toMatchObject({
      code: 'not_facilitator',
    })
    expect(
      await ana.intent({ type: 'role:set', participantId: ana.socket.id ?? '', role: 'viewer' }),
    ).toMatchObject({
      code: 'own_role',
    })
    expect(await ana.intent({ type: 'role:set', participantId: 'nobody', role: 'editor' })).toMatchObject({
      code: 'unknown_participant',
    })

    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'editor' }),
    ).toEqual({ ok: true })
    await waitUntil(() => ben.latest()?.yourRole === 'editor', 'Ben to learn he is an editor')
    benDoc.records.set('shape:by-ben', shapeRecord('shape:by-ben'))
    await waitUntil(() => watcher.records.has('shape:by-ben'), "Ben's edit")

    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'viewer' }),
    ).toEqual({ ok: true })
    await waitUntil(() => ben.latest()?.yourRole === 'viewer', 'Ben to be a viewer again')
    benDoc.records.set('shape:after-demotion', shapeRecord('shape:after-demotion'))
    watcher.records.set('shape:sentinel', shapeRecord('shape:sentinel'))
    await waitUntil(() => benDoc.records.has('shape:sentinel'), 'the sentinel')
    expect(watcher.records.has('shape:after-demotion')).toBe(false)
  })
})
