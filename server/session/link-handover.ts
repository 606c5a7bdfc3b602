import type { Failure } from '../../shared/protocol/errors'
import { boardLink } from '../../shared/protocol/links'
import { isAtLeast, type Role } from '../../shared/protocol/roles'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import { hashToken } from '../auth/capabilities'
import type { Identities } from '../auth/identities'
import { rotateLinks } from '../boards/rotate-links'
import type { BoardBus, SessionBusMessage } from '../bus/board-bus'
import type { BoardStore } from '../storage/board-store'
import type { BoardRooms } from '../sync/board-rooms'
import type { SessionSocket, SessionSocketData } from './session-handshake'

/** One demotion's new links, applied by every instance to its own sockets. */
export type HandOver = Extract<SessionBusMessage, { kind: 'hand-over' }>

export interface HandoverDeps {
  store: BoardStore
  identities: Identities
  rooms: BoardRooms
  bus: BoardBus
  /** The board's session sockets on this instance now. */
  socketsOn: (boardId: string) => SessionSocket[]
  /** What every session socket on the board says of itself, on every instance. */
  everyoneOn: (boardId: string) => Promise<SessionSocketData[]>
  /** The role a socket acts with now (its link's, or what the facilitator granted). */
  roleNow: (socket: { data: SessionSocketData }) => Role
}

/** Whether taking `role` from someone who holds `linkRole` means their link itself must go. */
export function needsHandover(linkRole: Role, role: Role): boolean {
  return !isAtLeast(role, linkRole)
}

/**
 * Demotes someone below the role of their own link. A granted role alone would not hold: the link
 * still grants its role to a browser that comes back without its identity. So the link is replaced
 * (its old token answers 4401 from now on); everyone else here in good standing with that link is
 * handed the new one and their identity re-signed for it, so they carry on; the demoted person is
 * handed the link of their new role; facilitators get the new link to share with latecomers.
 * The instance that decides replaces the link; every instance hands it to its own sockets.
 */
export class LinkHandover {
  /** One handover per board at a time: each replaces links starting from the previous one's. */
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(private readonly deps: HandoverDeps) {}

  /** Hands `target` the link of `role`, and everyone else on their link a new one; `name` is who they are to others. */
  demote(
    demoter: SessionSocket,
    target: { data: SessionSocketData },
    role: Role,
    name: string,
  ): Promise<{ ok: true } | { ok: false; failure: Failure }> {
    const boardId = target.data.boardId
    const run = (this.queues.get(boardId) ?? Promise.resolve()).then(() =>
      this.run(demoter, target.data, role, name),
    )
    const settled = run.catch(() => undefined)
    this.queues.set(boardId, settled)
    void settled.then(() => {
      if (this.queues.get(boardId) === settled) this.queues.delete(boardId)
    })
    return run
  }

  private async run(
    demoter: SessionSocket,
    target: SessionSocketData,
    role: Role,
    demotedName: string,
  ): Promise<{ ok: true } | { ok: false; failure: Failure }> {
    const { boardId, role: linkRole, identity: demoted } = target
    if (!needsHandover(linkRole, role)) return { ok: true } // an earlier handover already did it
    const board = await this.deps.store.getBoard(boardId)
    if (!board) return { ok: false, failure: { code: 'board_not_found', message: 'This board was deleted.' } }
    const rotated = await rotateLinks(this.deps.store, board, demoter.data.token, [linkRole])
    if (!rotated.ok) return rotated
    const { tokens } = rotated.links
    const everyone = await this.deps.everyoneOn(boardId).catch(() => [])
    const stay = everyone
      .filter((data) => data.role === linkRole && data.identity.id !== demoted.id)
      .filter((data) => isAtLeast(this.deps.roleNow({ data }), linkRole))
      .map((data) => data.identity.id)
    const plan: HandOver = {
      kind: 'hand-over',
      linkRole,
      linkToken: tokens[linkRole],
      role,
      roleToken: tokens[role],
      demotedId: demoted.id,
      demotedName,
      stay,
    }
    this.deps.bus.publish(boardId, plan) // the other instances' board rooms close their old-link sockets
    await this.handOverHere(boardId, plan, { decidedHere: true })
    return { ok: true }
  }

  /** Applies a handover to this instance's session sockets (and its board sockets where it was decided). */
  async handOverHere(boardId: string, plan: HandOver, where = { decidedHere: false }): Promise<void> {
    const { linkRole } = plan
    const stay = new Set(plan.stay)
    const sockets = this.deps.socketsOn(boardId).filter((socket) => socket.data.role === linkRole)
    for (const socket of sockets) {
      const handedRole = socket.data.identity.id === plan.demotedId ? plan.role : linkRole
      if (handedRole === linkRole && !isAtLeast(this.deps.roleNow(socket), linkRole)) {
        socket.emit('session:error', { code: 'token_revoked', message: 'This link has been replaced.' })
        socket.disconnect(true)
        continue
      }
      if (handedRole === linkRole) stay.add(socket.data.identity.id)
      const token = handedRole === linkRole ? plan.linkToken : plan.roleToken
      const link = { boardId, role: handedRole, tokenHash: hashToken(token) }
      const identity = this.deps.identities.issue(link, socket.data.identity.id)
      socket.data = {
        ...socket.data,
        role: handedRole,
        token,
        identity: { id: socket.data.identity.id, signed: identity },
      }
      socket.emit('session:link', { role: handedRole, token, identity })
    }
    // Board sockets on the old link close now, unless their identity was just handed the new link.
    const room = where.decidedHere ? await this.deps.rooms.peek(boardId) : undefined
    room?.disconnectRole(linkRole, YJS_CLOSE.tokenRevoked, 'link replaced', stay)
    for (const socket of this.deps.socketsOn(boardId)) {
      if (this.deps.roleNow(socket) !== 'facilitator') continue
      socket.emit('session:link-replaced', {
        role: linkRole,
        url: boardLink(boardId, plan.linkToken),
        demotedName: plan.demotedName,
      })
    }
  }
}
