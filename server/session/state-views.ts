import type { Role } from '../../shared/protocol/roles'
import {
  type PublicSessionState,
  publicSessionState,
  type SessionState,
} from '../../shared/session/session-state'

/** Someone a state goes to: their socket, their role now, and the key their vote is counted under. */
export interface StateViewer {
  socketId: string
  role: Role
  voterKey: string
}

/**
 * The session as each viewer may see it, computed once per distinct view: a view differs only by
 * role and by the viewer's own vote, so 200 people usually share two or three views, and each is
 * encoded once and written to its sockets (the step fan-out's hot spot was encoding per person).
 */
export function viewsOf(
  state: SessionState,
  viewers: readonly StateViewer[],
): { view: PublicSessionState; socketIds: string[] }[] {
  const groups = new Map<string, { view: PublicSessionState; socketIds: string[] }>()
  for (const { socketId, role, voterKey } of viewers) {
    const vote = state.checkpoint?.votes[voterKey]
    const key = `${role}:${vote ?? ''}`
    let group = groups.get(key)
    if (!group) {
      group = { view: publicSessionState(state, { role, identityId: voterKey }), socketIds: [] }
      groups.set(key, group)
    }
    group.socketIds.push(socketId)
  }
  return [...groups.values()]
}
