import { describe, expect, it } from 'vitest'
import type { LinkReplaced } from '../../shared/protocol/session'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { joinSession } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { closeCodeFor, connectBoardClient, shapeRecord } from '../support/yjs-client'

/** An identity of the right shape that this server never signed. */
const forgedIdentity = (n: number) => `${String(n).padStart(22, 'x')}.${'A'.repeat(43)}`

/** The handshake refusal code of a session join, or 'joined'. */
const joinOutcome = (join: Promise<unknown>) =>
  join.then(
    () => 'joined',
    (error: { data?: { code?: string } }) => error.data?.code ?? 'error',
  )

describe('participant identities', () => {
  const app = useTestServer()

  it('issues each participant a signed identity, keeps it across reconnections and ignores forged or foreign ones', async () => {
    const board = await createTestBoard(app.url)
    const other = await createTestBoard(app.url)
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    expect(ben.identity).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/)
    ben.close()
    const again = await app.session(board.id, board.tokens.viewer, 'Ben', ben.identity)
    expect(again.identity).toBe(ben.identity)

    const forged = await app.session(board.id, board.tokens.viewer, 'Ben', forgedIdentity(1))
    const otherBoard = await app.session(other.id, other.tokens.viewer, 'Ben', ben.identity)
    const otherLink = await app.session(board.id, board.tokens.editor, 'Ben', ben.identity)
    for (const fresh of [forged, otherBoard, otherLink]) {
      expect(fresh.identity).toMatch(/\./)
      expect(fresh.identity.split('.')[0]).not.toBe(ben.identity.split('.')[0])
    }
  })

  it('does not let a demoted editor edit again by reconnecting without their identity or with a new one', async () => {
    const board = await createTestBoard(app.url)
    const { facilitator, editor } = board.tokens
    const ana = await app.session(board.id, facilitator, 'Ana')
    const replaced: LinkReplaced[] = []
    ana.socket.on('session:link-replaced', (notice: LinkReplaced) => replaced.push(notice))
    const ben = await app.session(board.id, editor, 'Ben')
    const cleo = await app.session(board.id, editor, 'Cleo')
    const watcher = await app.client(board.id, facilitator)
    const benDoc = await app.client(board.id, editor, ben.identity)
    const cleoDoc = await app.client(board.id, editor, cleo.identity)
    benDoc.records.set('shape:ben-before', shapeRecord('shape:ben-before'))
    await waitUntil(() => watcher.records.has('shape:ben-before'), "Ben's edit while he is an editor")

    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'viewer' }),
    ).toEqual({ ok: true })
    await waitUntil(() => ben.handovers.length === 1 && cleo.handovers.length === 1, 'the new links')
    const [benLink] = ben.handovers
    const [cleoLink] = cleo.handovers
    expect(benLink).toMatchObject({ role: 'viewer', token: board.tokens.viewer })
    expect(cleoLink?.role).toBe('editor')
    expect(cleoLink?.token).not.toBe(editor)
    await waitUntil(() => replaced.length === 1, 'the facilitator to hear of the new editor link')
    expect(replaced[0]).toEqual({
      role: 'editor',
      url: `/b/${board.id}#k=${cleoLink?.token}`,
      demotedName: 'Ben',
    })

    // Ben comes back with the editor link he still has: without an identity, or with a made-up one.
    expect(await closeCodeFor(app.url, board.id, editor)).toBe(YJS_CLOSE.badToken)
    expect(await closeCodeFor(app.url, board.id, editor, forgedIdentity(2))).toBe(YJS_CLOSE.badToken)
    expect(await joinOutcome(joinSession(app.url, board.id, editor, 'Ben'))).toBe('unauthorized')
    // With the viewer link he was handed, and no identity, he is a viewer: his edits go nowhere.
    const benAsViewer = await app.client(board.id, board.tokens.viewer)
    benAsViewer.records.set('shape:ben-after', shapeRecord('shape:ben-after'))
    benDoc.records.set('shape:ben-old-socket', shapeRecord('shape:ben-old-socket'))

    // Cleo carries on: her open board socket still edits, and so does one on the new link.
    cleoDoc.records.set('shape:cleo-same-socket', shapeRecord('shape:cleo-same-socket'))
    const cleoNew = await app.client(board.id, cleoLink?.token ?? '', cleoLink?.identity)
    cleoNew.records.set('shape:cleo-new-link', shapeRecord('shape:cleo-new-link'))
    await waitUntil(
      () => watcher.records.has('shape:cleo-same-socket') && watcher.records.has('shape:cleo-new-link'),
      "Cleo's edits after the handover",
    )
    expect(watcher.records.has('shape:ben-after')).toBe(false)
    expect(watcher.records.has('shape:ben-old-socket')).toBe(false)
    const cleoBack = await app.session(board.id, cleoLink?.token ?? '', 'Cleo', cleoLink?.identity)
    expect(cleoBack.identity).toBe(cleoLink?.identity)
    expect(cleoBack.latest()?.yourRole).toBe('editor')
  })

  it('demotes a promoted viewer by identity alone: coming back without it gives the viewer link’s role', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const watcher = await app.client(board.id, board.tokens.facilitator)
    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'editor' }),
    ).toEqual({
      ok: true,
    })
    await waitUntil(() => ben.latest()?.yourRole === 'editor', 'Ben to become an editor')
    const promoted = await app.client(board.id, board.tokens.viewer, ben.identity)
    promoted.records.set('shape:promoted', shapeRecord('shape:promoted'))
    await waitUntil(() => watcher.records.has('shape:promoted'), 'the promoted edit')

    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'viewer' }),
    ).toEqual({
      ok: true,
    })
    await waitUntil(() => ben.latest()?.yourRole === 'viewer', 'Ben to be a viewer again')
    expect(ben.handovers).toEqual([]) // his link never granted more than viewer: it stays
    const anonymous = connectBoardClient(app.url, board.id, board.tokens.viewer)
    const madeUp = connectBoardClient(app.url, board.id, board.tokens.viewer, forgedIdentity(3))
    await waitUntil(() => anonymous.provider.synced && madeUp.provider.synced, 'both sockets to sync')
    anonymous.records.set('shape:anonymous', shapeRecord('shape:anonymous'))
    madeUp.records.set('shape:made-up', shapeRecord('shape:made-up'))
    watcher.records.set('shape:sentinel', shapeRecord('shape:sentinel'))
    await waitUntil(
      () => anonymous.provider.synced && madeUp.records.has('shape:sentinel'),
      'the sentinel to reach the viewer',
    )
    expect(watcher.records.has('shape:anonymous')).toBe(false)
    expect(watcher.records.has('shape:made-up')).toBe(false)
    anonymous.destroy()
    madeUp.destroy()
  })

  it('refuses a demotion below the link’s role from a facilitator who did not come in with the facilitator link', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const dev = await app.session(board.id, board.tokens.viewer, 'Dev')
    const ben = await app.session(board.id, board.tokens.editor, 'Ben')
    expect(
      await ana.intent({ type: 'role:set', participantId: dev.socket.id ?? '', role: 'facilitator' }),
    ).toEqual({ ok: true })
    await waitUntil(() => dev.latest()?.yourRole === 'facilitator', 'Dev to become a facilitator')
    expect(
      await dev.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'viewer' }),
    ).toMatchObject({ ok: false, code: 'needs_facilitator_link' })
    expect(ben.latest()?.yourRole).toBe('editor')
  })
})

describe('votes counted per identity', () => {
  // No steady refill: exactly `burst` newcomers per address and board, so the count below is exact.
  const app = useTestServer({ newIdentities: { burst: 20, perMinute: 0 } })

  it('counts one vote when a viewer tries 1,000 votes by changing their identity', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana') // newcomer 1 of 20
    expect(
      await ana.intent({ type: 'checkpoint:open', question: 'Which cell?', options: ['1', '2'] }),
    ).toEqual({
      ok: true,
    })
    const checkpointId = (await ana.waitForSeq(1)).checkpoint?.id ?? ''

    // One connection that says it is someone else before each vote.
    const mallory = await app.session(board.id, board.tokens.viewer, 'Mallory') // newcomer 2
    for (let i = 0; i < 1000; i++) {
      await mallory.socket.emitWithAck('presence:hello', {
        name: 'Mallory',
        color: '#3b82f6',
        clientKey: `mallory-key-${String(i).padStart(8, '0')}`,
      })
      await mallory.intent({ type: 'vote', checkpointId, option: i % 2 })
    }
    // Then a new connection per vote, each presenting an identity of its own making.
    const outcomes: string[] = []
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, k) => {
          const n = batch * 20 + k
          const outcome = await joinOutcome(
            joinSession(app.url, board.id, board.tokens.viewer, 'Mallory', forgedIdentity(n)).then(
              async (s) => {
                await s.intent({ type: 'vote', checkpointId, option: n % 2 })
                s.close()
              },
            ),
          )
          outcomes.push(outcome)
        }),
      )
    }
    const joined = outcomes.filter((o) => o === 'joined').length
    expect(joined).toBe(18) // what was left of the 20 newcomers this address may bring
    expect(outcomes.filter((o) => o === 'too_many_newcomers')).toHaveLength(1000 - joined)

    // Mallory's own vote, plus one per identity the server issued: 19 of 2,000 tries.
    await waitUntil(() => ana.latest()?.checkpoint?.voteCount === 1 + joined, 'the votes to be counted')
  })
})

describe('a class behind one address', () => {
  const app = useTestServer()

  it('lets 40 people join at once from one network address, each with their own identity and vote', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'checkpoint:open', question: 'Ready?', options: ['yes', 'no'] })).toEqual(
      {
        ok: true,
      },
    )
    const checkpointId = (await ana.waitForSeq(1)).checkpoint?.id ?? ''
    const students = await Promise.all(
      Array.from({ length: 40 }, (_, i) => app.session(board.id, board.tokens.viewer, `Student ${i + 1}`)),
    )
    expect(new Set(students.map((s) => s.identity)).size).toBe(40)
    const acks = await Promise.all(students.map((s) => s.intent({ type: 'vote', checkpointId, option: 0 })))
    expect(acks.every((ack) => ack.ok)).toBe(true)
    await waitUntil(() => ana.latest()?.checkpoint?.voteCount === 40, 'forty votes')
    expect(ana.latest()?.checkpoint?.results).toEqual([40, 0])
  })
})
