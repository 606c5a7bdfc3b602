import { describe, expect, it } from 'vitest'
import type { IntentAck } from '../../shared/protocol/session'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'

describe('a flood from one connection', () => {
  // No steady refill, so what a flood may push through is exactly the burst, however long it takes.
  const BURST = 20
  const app = useTestServer({ sessionEvents: { burst: BURST, perMinute: 0 } })

  it('reaches peers as a bounded number of events, and their session stays usable', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const cleo = await app.session(board.id, board.tokens.viewer, 'Cleo')
    const mallory = await app.session(board.id, board.tokens.viewer, 'Mallory')
    expect(
      await ana.intent({ type: 'checkpoint:open', question: 'Which cell?', options: ['1', '2'] }),
    ).toEqual({
      ok: true,
    })
    const checkpointId = (await cleo.waitForSeq(1)).checkpoint?.id ?? ''
    await waitUntil(() => cleo.latest()?.checkpoint?.id === checkpointId, 'the question to reach Cleo')

    let peerEvents = 0
    cleo.socket.onAny(() => {
      peerEvents++
    })
    const acks: IntentAck[] = []
    for (let i = 0; i < 1000; i++) {
      const vote = mallory.intent({ type: 'vote', checkpointId, option: i % 2 })
      const hello = mallory.socket.emitWithAck('presence:hello', {
        name: `Mallory ${i % 2}`,
        color: '#3b82f6',
      }) as Promise<IntentAck>
      acks.push(...(await Promise.all([vote, hello])))
    }
    const accepted = acks.filter((ack) => ack.ok).length
    const slowedDown = acks.filter((ack) => !ack.ok && ack.code === 'rate_limited').length
    // Mallory's hello at joining spent one of her hello allowance.
    expect(accepted).toBe(BURST + BURST - 1)
    expect(slowedDown).toBe(2000 - accepted)

    // Cleo is still served: her own vote counts and she sees the facilitator's reveal.
    expect(await cleo.intent({ type: 'vote', checkpointId, option: 1 })).toEqual({ ok: true })
    expect(await ana.intent({ type: 'checkpoint:reveal' })).toEqual({ ok: true })
    await waitUntil(() => cleo.latest()?.checkpoint?.status === 'revealed', 'the reveal to reach Cleo')
    expect(cleo.latest()?.checkpoint).toMatchObject({ myVote: 1, voteCount: 2 })
    // One event per accepted flood message at most, plus Cleo's vote and the reveal.
    expect(peerEvents).toBeLessThanOrEqual(accepted + 2)
    console.log(
      `flood: 2,000 messages from one viewer, ${accepted} accepted, ${slowedDown} refused; a peer received ${peerEvents} events`,
    )
  })
})

describe('a repeated message', () => {
  const app = useTestServer()

  it('tells nobody anything: the same vote or the same hello again sends peers nothing', async () => {
    const board = await createTestBoard(app.url)
    const ana = await app.session(board.id, board.tokens.facilitator, 'Ana')
    const ben = await app.session(board.id, board.tokens.viewer, 'Ben')
    expect(await ana.intent({ type: 'checkpoint:open', question: 'Which?', options: ['a', 'b'] })).toEqual({
      ok: true,
    })
    const checkpointId = (await ben.waitForSeq(1)).checkpoint?.id ?? ''
    expect(await ben.intent({ type: 'vote', checkpointId, option: 0 })).toEqual({ ok: true })
    const voted = await ana.waitForSeq(2)
    expect(voted.checkpoint?.voteCount).toBe(1)
    let anaEvents = 0
    ana.socket.onAny(() => {
      anaEvents++
    })
    for (let i = 0; i < 5; i++) {
      expect(await ben.intent({ type: 'vote', checkpointId, option: 0 })).toEqual({ ok: true })
      expect(await ben.socket.emitWithAck('presence:hello', { name: 'Ben', color: '#3b82f6' })).toEqual({
        ok: true,
      })
    }
    // a real change after them arrives alone
    expect(await ben.intent({ type: 'vote', checkpointId, option: 1 })).toEqual({ ok: true })
    await ana.waitForSeq(3)
    expect(anaEvents).toBe(1)
  })
})
