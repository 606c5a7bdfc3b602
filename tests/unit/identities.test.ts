import { afterAll, describe, expect, it } from 'vitest'
import { Identities } from '../../server/auth/identities'
import { SqliteBoardStore } from '../../server/storage/sqlite-store'

const store = await SqliteBoardStore.open(':memory:')

describe('participant identities', () => {
  afterAll(() => store.close())
  const viewerLink = { boardId: 'board-a', role: 'viewer' as const, tokenHash: 'hash-of-viewer-token' }

  it('verifies an identity it issued for the same link, and gives back its id', async () => {
    const identities = await Identities.fromStore(store)
    const identity = identities.issue(viewerLink)
    const id = identities.verify(viewerLink, identity)
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(identity.startsWith(`${id}.`)).toBe(true)
    expect(identities.issue(viewerLink, id ?? '')).toBe(identity) // re-signing the same id is stable
  })

  it('refuses an identity for another board, another role, a replaced link, or with a changed id or signature', async () => {
    const identities = await Identities.fromStore(store)
    const identity = identities.issue(viewerLink)
    const [id = '', signature = ''] = identity.split('.')
    expect(identities.verify({ ...viewerLink, boardId: 'board-b' }, identity)).toBeNull()
    expect(identities.verify({ ...viewerLink, role: 'editor' }, identity)).toBeNull()
    expect(identities.verify({ ...viewerLink, tokenHash: 'hash-of-new-token' }, identity)).toBeNull()
    const otherId = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`
    expect(identities.verify(viewerLink, `${otherId}.${signature}`)).toBeNull()
    expect(identities.verify(viewerLink, `${id}.${'A'.repeat(43)}`)).toBeNull()
    expect(identities.verify(viewerLink, 'not-an-identity')).toBeNull()
    expect(identities.verify(viewerLink, undefined)).toBeNull()
  })

  it('signs with the key kept in the store, so every instance on it accepts the others’ identities', async () => {
    const first = await Identities.fromStore(store)
    const second = await Identities.fromStore(store)
    expect(second.verify(viewerLink, first.issue(viewerLink))).not.toBeNull()
    const elsewhere = await SqliteBoardStore.open(':memory:')
    const stranger = await Identities.fromStore(elsewhere)
    expect(stranger.verify(viewerLink, first.issue(viewerLink))).toBeNull()
    await elsewhere.close()
  })
})
