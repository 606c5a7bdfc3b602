import { describe, expect, it } from 'vitest'
import { type StateViewer, viewsOf } from '../../server/session/state-views'
import type { Role } from '../../shared/protocol/roles'
import { INITIAL_SESSION, publicSessionState, type SessionState } from '../../shared/session/session-state'

const viewers = (count: number): StateViewer[] =>
  Array.from({ length: count }, (_, i) => ({
    socketId: `s${i}`,
    role: (i === 0 ? 'facilitator' : i % 10 === 0 ? 'editor' : 'viewer') as Role,
    voterKey: `id${i}`,
  }))

/** Every viewer's group view is exactly what tailoring the state for them alone gives. */
function expectSameAsAlone(state: SessionState, all: StateViewer[]) {
  const groups = viewsOf(state, all)
  expect(groups.flatMap((group) => group.socketIds).sort()).toEqual(all.map((v) => v.socketId).sort())
  for (const group of groups)
    for (const id of group.socketIds) {
      const viewer = all.find((v) => v.socketId === id)
      if (!viewer) throw new Error(id)
      expect(group.view).toEqual(
        publicSessionState(state, { role: viewer.role, identityId: viewer.voterKey }),
      )
    }
  return groups
}

describe('the session state as each viewer may see it', () => {
  it('computes one view per role when there is no question', () => {
    const all = viewers(200)
    expect(expectSameAsAlone({ ...INITIAL_SESSION, seq: 9 }, all)).toHaveLength(3)
  })

  it('splits by each viewer own vote on an open question, and nothing else', () => {
    const all = viewers(200)
    const votes = Object.fromEntries(all.slice(1, 121).map((v, i) => [v.voterKey, i % 3]))
    const state: SessionState = {
      ...INITIAL_SESSION,
      seq: 3,
      checkpoint: {
        id: 'c3',
        question: 'Which?',
        options: ['A', 'B', 'C'],
        status: 'open',
        votes,
        anonymous: false,
      },
    }
    // facilitator; editors and viewers each: no vote, or one of three options
    expect(expectSameAsAlone(state, all).length).toBeLessThanOrEqual(1 + 2 * 4)
  })
})
