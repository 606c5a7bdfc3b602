import { mayEditBoard, type Role } from '../../shared/protocol/roles'
import { type SessionState, sessionStateSchema } from '../../shared/session/session-state'
import type { SessionStateStore } from '../storage/board-store'

interface BoardPolicy {
  editingLocked: boolean
  roleGrants: Record<string, Role>
}

const OPEN: BoardPolicy = { editingLocked: false, roleGrants: {} }

/**
 * Who may change each board right now: the editing lock and the roles the facilitator granted.
 * The live session sets it; the Yjs endpoint reads it on every update, so it is loaded before a
 * board's first edit and kept even while nobody has the session open.
 */
export class BoardPolicies {
  private readonly policies = new Map<string, BoardPolicy>()

  constructor(private readonly store: SessionStateStore) {}

  /** Loads a board's policy from its stored session, once. */
  async ensure(boardId: string): Promise<void> {
    if (this.policies.has(boardId)) return
    const stored = sessionStateSchema.safeParse(await this.store.loadSessionState(boardId))
    if (!this.policies.has(boardId)) this.policies.set(boardId, stored.success ? pick(stored.data) : OPEN)
  }

  /** Reads a board's policy from its stored session again (what other instances committed meanwhile). */
  async reload(boardId: string): Promise<void> {
    const stored = sessionStateSchema.safeParse(await this.store.loadSessionState(boardId))
    this.policies.set(boardId, stored.success ? pick(stored.data) : OPEN)
  }

  /** Drops a deleted board's policy. */
  forget(boardId: string): void {
    this.policies.delete(boardId)
  }

  /** Records the session's policy; true when it changed who may edit. */
  update(boardId: string, state: SessionState): boolean {
    const before = this.policies.get(boardId) ?? OPEN
    const after = pick(state)
    this.policies.set(boardId, after)
    return JSON.stringify(before) !== JSON.stringify(after)
  }

  /** The role a connection has now: granted by the facilitator to its identity, else its link's. */
  roleOf(boardId: string, linkRole: Role, identityId: string | undefined): Role {
    const granted = identityId ? this.policies.get(boardId)?.roleGrants[identityId] : undefined
    return granted ?? linkRole
  }

  /** Facilitators may always edit; editors unless editing is locked; viewers never. */
  mayEdit(boardId: string, linkRole: Role, identityId: string | undefined): boolean {
    const role = this.roleOf(boardId, linkRole, identityId)
    return mayEditBoard(role, this.policies.get(boardId)?.editingLocked ?? false)
  }
}

function pick(state: SessionState): BoardPolicy {
  return { editingLocked: state.editingLocked, roleGrants: state.roleGrants }
}
