import type { Socket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { RoomReaction, SummaryAck } from '../../shared/protocol/room-signals'
import type { IntentAck, Participant } from '../../shared/protocol/session'
import { sessionStateSchema } from '../../shared/session/session-state'
import type { SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { type TestServerFixture, useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

/** The participant lists a client is sent, in order. */
function participantLists(socket: Socket): Participant[][] {
  const lists: Participant[][] = []
  socket.on('session:participants', (list: Participant[]) => lists.push(list))
  return lists
}

const reactionsOf = (socket: Socket): RoomReaction[] => {
  const seen: RoomReaction[] = []
  socket.on('room:reaction', (r: RoomReaction) => seen.push(r))
  return seen
}

const idOf = (client: SessionClient) => client.identity.split('.')[0] ?? ''

async function room(app: TestServerFixture) {
  const board = await createTestBoard(app.url)
  const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
  const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
  const cleo = await app.session(board.id, board.tokens.editor, 'Cleo')
  return { board, ana, ben, cleo }
}

describe('raised hands, reactions, spotlight, anonymous votes and the summary over socket.io', () => {
  const app = useTestServer()

  it('shows a raised hand to everyone until the person or a facilitator lowers it, or they leave', async () => {
    const { ana, ben, cleo } = await room(app)
    const cleoSees = participantLists(cleo.socket)
    const handOf = (name: string) => cleoSees.at(-1)?.find((p) => p.name === name)?.handRaisedAt
    expect(await ben.socket.emitWithAck('hand:raise')).toEqual({ ok: true })
    await waitUntil(() => handOf('Ben') !== undefined, 'Ben’s hand up on Cleo’s list')
    // only a facilitator lowers someone else's hand
    expect(await cleo.socket.emitWithAck('hand:lower', { participantId: ben.socket.id })).toMatchObject({
      ok: false,
      code: 'not_facilitator',
    })
    expect(await ana.socket.emitWithAck('hand:lower', { participantId: ben.socket.id })).toEqual({ ok: true })
    await waitUntil(
      () => handOf('Ben') === undefined && cleoSees.at(-1)?.some((p) => p.name === 'Ben') === true,
      'Ben’s hand down',
    )
    // one's own, and gone with the person
    await cleo.socket.emitWithAck('hand:raise')
    expect(await cleo.socket.emitWithAck('hand:lower', {})).toEqual({ ok: true })
    const anaSees = participantLists(ana.socket)
    await ben.socket.emitWithAck('hand:raise')
    await waitUntil(
      () => anaSees.at(-1)?.some((p) => p.name === 'Ben' && p.handRaisedAt) === true,
      'Ben up again',
    )
    ben.close()
    await waitUntil(() => anaSees.at(-1)?.some((p) => p.name === 'Ben') === false, 'Ben gone from the list')
  })

  it('relays a reaction to everyone, the sender included, and refuses any other text', async () => {
    const { ana, ben, cleo } = await room(app)
    const seen = [ana, ben, cleo].map((c) => reactionsOf(c.socket))
    expect(await ben.socket.emitWithAck('room:react', { reaction: 'clap' })).toEqual({ ok: true })
    await waitUntil(() => seen.every((list) => list.length === 1), 'the reaction on every screen')
    for (const list of seen)
      expect(list[0]).toEqual({ participantId: ben.socket.id, name: 'Ben', reaction: 'clap' })
    expect(await ben.socket.emitWithAck('room:react', { reaction: '<b>spam</b>' })).toMatchObject({
      ok: false,
      code: 'bad_intent',
    })
  })

  it('puts the spotlight on an area for everyone, one seq each, and only for facilitators', async () => {
    const { ana, ben } = await room(app)
    const area = { x: 0, y: 0, w: 400, h: 300 }
    expect(await ben.intent({ type: 'spotlight:set', area })).toMatchObject({
      ok: false,
      code: 'not_facilitator',
    })
    expect(await ana.intent({ type: 'spotlight:set', area })).toEqual({ ok: true })
    expect((await ben.waitForSeq(1)).spotlight).toEqual({ area, byName: 'Ana' })
    expect(await ana.intent({ type: 'spotlight:clear' })).toEqual({ ok: true })
    expect((await ben.waitForSeq(2)).spotlight).toBeNull()
  })

  it('keeps anonymous ballots under keys that are not anyone’s identity, and hides the live tally from all', async () => {
    const { board, ana, ben, cleo } = await room(app)
    expect(
      await ana.intent({
        type: 'checkpoint:open',
        question: 'Which cell?',
        options: ['1', '2'],
        anonymous: true,
      }),
    ).toEqual({ ok: true })
    const id = (await ben.waitForSeq(1)).checkpoint?.id ?? ''
    expect(await ben.intent({ type: 'vote', checkpointId: id, option: 0 })).toEqual({ ok: true })
    expect(await ben.intent({ type: 'vote', checkpointId: id, option: 1 })).toEqual({ ok: true })
    expect(await cleo.intent({ type: 'vote', checkpointId: id, option: 1 })).toEqual({ ok: true })
    const seen = await ana.waitForSeq(4)
    expect(seen.checkpoint).toMatchObject({ anonymous: true, voteCount: 2, results: null })
    expect((await ben.waitForSeq(4)).checkpoint?.myVote).toBe(1)
    await app.server.sessions.release(board.id).catch(() => {})
    const stored = sessionStateSchema.parse(await app.server.store.loadSessionState(board.id))
    const keys = Object.keys(stored.checkpoint?.votes ?? {})
    expect(keys).toHaveLength(2)
    for (const who of [ben, cleo]) expect(keys).not.toContain(idOf(who))
    expect(stored.history.voterNames).toEqual({})
  })

  it('gives facilitators the summary: who came, each question with who voted what unless anonymous', async () => {
    const { ana, ben, cleo } = await room(app)
    await ana.intent({ type: 'checkpoint:open', question: 'Named?', options: ['yes', 'no'] })
    const named = (await ben.waitForSeq(1)).checkpoint?.id ?? ''
    await ben.intent({ type: 'vote', checkpointId: named, option: 0 })
    await ana.intent({
      type: 'checkpoint:open',
      question: 'Secret?',
      options: ['yes', 'no'],
      anonymous: true,
    })
    const secret = (await cleo.waitForSeq(3)).checkpoint?.id ?? ''
    await cleo.intent({ type: 'vote', checkpointId: secret, option: 1 })
    await ana.waitForSeq(4)
    expect((await ben.socket.emitWithAck('session:summary')) as IntentAck).toMatchObject({
      ok: false,
      code: 'not_facilitator',
    })
    const ack = (await ana.socket.emitWithAck('session:summary')) as SummaryAck
    if (!ack.ok) throw new Error(ack.message)
    expect(ack.summary.attendees).toEqual(['Ana', 'Ben', 'Cleo'])
    expect(ack.summary.questions).toMatchObject([
      { question: 'Named?', counts: [1, 0], anonymous: false, ballots: [{ name: 'Ben', option: 0 }] },
      { question: 'Secret?', counts: [0, 1], anonymous: true, ballots: [] },
    ])
  })
})

describe('room signals under the session limits', () => {
  const app = useTestServer({ sessionEvents: { burst: 3, perMinute: 0 } })

  it('slows down a sender who floods reactions, and nobody else', async () => {
    const board = await createTestBoard(app.url)
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const cleo = await app.session(board.id, board.tokens.viewer, 'Cleo')
    const cleoSees = reactionsOf(cleo.socket)
    const acks: IntentAck[] = []
    for (let i = 0; i < 6; i++) acks.push(await ben.socket.emitWithAck('room:react', { reaction: 'wow' }))
    expect(acks.filter((a) => a.ok)).toHaveLength(3)
    expect(acks.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' })
    expect(await cleo.socket.emitWithAck('room:react', { reaction: 'clap' })).toEqual({ ok: true })
    await waitUntil(() => cleoSees.some((r) => r.name === 'Cleo'), 'Cleo’s own reaction')
    expect(cleoSees.filter((r) => r.name === 'Ben')).toHaveLength(3)
    // hands have their own allowance
    expect(await ben.socket.emitWithAck('hand:raise')).toEqual({ ok: true })
  })
})
