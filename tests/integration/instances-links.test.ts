import { describe, expect, it } from 'vitest'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { restClient } from '../support/rest-client'
import type { SessionClient } from '../support/session-client'
import { createTestBoard } from '../support/test-server'
import { useInstances } from '../support/use-instances'
import { waitUntil } from '../support/wait'
import { type BoardClient, shapeRecord } from '../support/yjs-client'

/** What became of one person's sockets: Yjs close codes, the session's error and disconnect. */
function watch(doc: BoardClient, session?: SessionClient) {
  const seen = { yjsCloses: [] as number[], sessionErrors: [] as unknown[], sessionGone: false }
  doc.provider.on('connection-close', (event) => seen.yjsCloses.push(event?.code ?? 0))
  session?.socket.on('session:error', (failure) => seen.sessionErrors.push(failure))
  session?.socket.on('disconnect', () => {
    seen.sessionGone = true
  })
  return seen
}

/** A link replaced or a board deleted on one instance closes what it opened on every instance. */
describe('closing links across two instances', () => {
  const instances = useInstances(2)
  const [a, b] = [0, 1]

  it('closes the old editor link on B, both channels, when Ana replaces it on A; others stay', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ben = await instances.session(b, board.id, board.tokens.editor, 'Ben')
    const benSeen = watch(await instances.client(b, board.id, board.tokens.editor, ben.identity), ben)
    const cy = await instances.session(b, board.id, board.tokens.viewer, 'Cy')
    const cySeen = watch(await instances.client(b, board.id, board.tokens.viewer, cy.identity), cy)

    const res = await restClient(instances.on(a).url).post(
      `/api/boards/${board.id}/links/rotate`,
      board.tokens.facilitator,
      { roles: ['editor'] },
    )
    expect(res.status).toBe(200)
    await waitUntil(() => benSeen.yjsCloses.length > 0 && benSeen.sessionGone, "Ben's sockets on B to close")
    expect(benSeen.yjsCloses[0]).toBe(YJS_CLOSE.tokenRevoked)
    expect(benSeen.sessionErrors).toEqual([{ code: 'token_revoked', message: expect.any(String) }])
    // the viewer on B, untouched, still hears the session
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    expect(await ana.intent({ type: 'timer:start', minutes: 1 })).toEqual({ ok: true })
    await cy.waitForSeq(1)
    expect(cySeen).toEqual({ yjsCloses: [], sessionErrors: [], sessionGone: false })
  })

  it('closes every socket on B at once when Ana deletes the board on A', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ben = await instances.session(b, board.id, board.tokens.facilitator, 'Ben')
    const benSeen = watch(await instances.client(b, board.id, board.tokens.facilitator, ben.identity), ben)
    const res = await restClient(instances.on(a).url).del(`/api/boards/${board.id}`, board.tokens.facilitator)
    expect(res.status).toBe(204)
    await waitUntil(() => benSeen.yjsCloses.length > 0 && benSeen.sessionGone, 'the sockets on B to close')
    expect(benSeen.yjsCloses[0]).toBe(YJS_CLOSE.boardNotFound)
    expect(benSeen.sessionErrors).toEqual([{ code: 'board_not_found', message: expect.any(String) }])
  })

  it('hands the new link to people on B when Ana on A demotes Ben there, and closes only his board socket', async () => {
    const board = await createTestBoard(instances.on(a).url)
    const ana = await instances.session(a, board.id, board.tokens.facilitator, 'Ana')
    const ben = await instances.session(b, board.id, board.tokens.editor, 'Ben')
    const cleo = await instances.session(a, board.id, board.tokens.editor, 'Cleo')
    // Cleo's board socket is on B while her session is on A (no sticky balancer)
    const benSeen = watch(await instances.client(b, board.id, board.tokens.editor, ben.identity))
    const cleoDoc = await instances.client(b, board.id, board.tokens.editor, cleo.identity)
    const cleoSeen = watch(cleoDoc)
    const watcher = await instances.client(a, board.id, board.tokens.facilitator)
    const replaced: unknown[] = []
    ana.socket.on('session:link-replaced', (payload) => replaced.push(payload))

    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'viewer' }),
    ).toEqual({
      ok: true,
    })
    await waitUntil(() => ben.handovers.length === 1 && cleo.handovers.length === 1, 'the new links')
    expect(ben.handovers[0]).toMatchObject({ role: 'viewer', token: board.tokens.viewer })
    expect(cleo.handovers[0]?.role).toBe('editor')
    expect(cleo.handovers[0]?.token).not.toBe(board.tokens.editor)
    await waitUntil(() => benSeen.yjsCloses.length > 0, "Ben's editor board socket on B to close")
    expect(benSeen.yjsCloses[0]).toBe(YJS_CLOSE.tokenRevoked)
    await waitUntil(() => replaced.length === 1, 'Ana to get the new editor link')
    // Cleo, handed the new link, keeps her board socket on B: her next edit still goes through it
    cleoDoc.records.set('shape:cleo-after', shapeRecord('shape:cleo-after'))
    await waitUntil(() => watcher.records.has('shape:cleo-after'), "Cleo's edit through B after the handover")
    expect(cleoSeen.yjsCloses).toEqual([])
  })
})
