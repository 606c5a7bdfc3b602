import { describe, expect, it } from 'vitest'
import type { SessionNotice } from '../../shared/protocol/session-notices'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

describe('notices: who did what, over the live session', () => {
  const app = useTestServer()

  it('tells everyone else who restored a version or brought them here, and a promoted participant who promoted them', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    const heard = { ana: [] as SessionNotice[], ben: [] as SessionNotice[] }
    ana.socket.on('session:notice', (notice: SessionNotice) => heard.ana.push(notice))
    ben.socket.on('session:notice', (notice: SessionNotice) => heard.ben.push(notice))

    const restored = { kind: 'version-restored', version: 'Before failover' }
    expect(await ana.socket.emitWithAck('session:announce', restored)).toEqual({ ok: true })
    expect(await ana.socket.emitWithAck('view:summon', { x: 0, y: 0, w: 800, h: 600 })).toEqual({ ok: true })
    expect(
      await ana.intent({ type: 'role:set', participantId: ben.socket.id ?? '', role: 'editor' }),
    ).toEqual({
      ok: true,
    })
    await waitUntil(() => heard.ben.length === 3, 'three notices for Ben')
    expect(heard.ben).toEqual([
      { kind: 'version-restored', version: 'Before failover', by: 'Ana' },
      { kind: 'view-summoned', by: 'Ana' },
      { kind: 'role-changed', role: 'editor', by: 'Ana' },
    ])

    // only a facilitator announces, and only what the schema knows
    const cleo = await app.session(board.id, board.tokens.viewer, 'Cleo')
    expect(await cleo.socket.emitWithAck('session:announce', restored)).toMatchObject({
      code: 'not_facilitator',
    })
    expect(await ana.socket.emitWithAck('session:announce', { kind: 'anything', text: 'hi' })).toMatchObject({
      code: 'bad_intent',
    })
    expect(heard.ana).toEqual([]) // the one who did it is not told about it
  })
})
