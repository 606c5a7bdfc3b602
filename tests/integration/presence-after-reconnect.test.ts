import { describe, expect, it } from 'vitest'
import { acceptPeersAfterReconnect } from '../../client/board/peers-after-reconnect'
import { createTestBoard } from '../support/test-server'
import { useTestServer } from '../support/use-test-server'
import { waitUntil } from '../support/wait'
import { syncedBoardClient } from '../support/yjs-client'

describe('presence after a reconnect', () => {
  const app = useTestServer()

  it('shows a tab that sits still to someone whose socket reconnects, as soon as it has synced again', async () => {
    const board = await createTestBoard(app.url)
    const ana = await syncedBoardClient(app.url, board.id, board.tokens.facilitator)
    const dee = await syncedBoardClient(app.url, board.id, board.tokens.viewer)
    const stop = acceptPeersAfterReconnect(dee.provider)
    try {
      const anaId = ana.provider.awareness.clientID
      ana.provider.awareness.setLocalStateField('presence', { name: 'Ana' })
      await waitUntil(() => dee.provider.awareness.getStates().has(anaId), 'Dee to see Ana')

      // Dee's socket reconnects (a new identity does this); Ana does not move meanwhile
      const anaClock = ana.provider.awareness.meta.get(anaId)?.clock
      dee.provider.disconnect()
      expect(dee.provider.awareness.getStates().has(anaId)).toBe(false)
      dee.provider.connect()
      await waitUntil(() => dee.provider.synced, 'Dee to sync again')

      // the server says who is here before it answers the sync, so Ana is back by now
      expect(ana.provider.awareness.meta.get(anaId)?.clock).toBe(anaClock)
      expect(dee.provider.awareness.getStates().get(anaId)).toMatchObject({ presence: { name: 'Ana' } })
    } finally {
      stop()
      ana.destroy()
      dee.destroy()
    }
  })
})
