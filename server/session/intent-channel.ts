import type { RemoteSocket, Server } from 'socket.io'
import { canDriveSession, type Role } from '../../shared/protocol/roles'
import type { IntentAck, SessionServerEvents } from '../../shared/protocol/session'
import { mayRunDrawn } from '../../shared/session/drawn-intents'
import { REFUSAL, sessionIntentSchema } from '../../shared/session/intents'
import type { BoardRooms } from '../sync/board-rooms'
import { readBoardDiagram } from './board-diagram'
import type { SessionEventKind } from './connection-limits'
import { type LinkHandover, needsHandover } from './link-handover'
import type { SessionSocket, SessionSocketData } from './session-handshake'
import type { SessionRoom } from './session-room'

/** A participant's socket on this instance, or as another instance describes it. */
type AnySocket = SessionSocket | RemoteSocket<SessionServerEvents, SessionSocketData>

export interface IntentDeps {
  session: Promise<SessionRoom>
  /** False (and the sender told to slow down) when this connection sent too many of this kind. */
  limited: (kind: SessionEventKind, ack: unknown) => boolean
  roleNow: (socket: { data: SessionSocketData }) => Role
  /** Whose vote is whose: the identity, or an anonymous question's ballot key. */
  voterKey: (socket: SessionSocket, question: { id: string; anonymous: boolean } | null) => string
  nameOf: (socket: SessionSocket) => string
  /** The session socket with this participant id on the board, on whichever instance it is. */
  onBoard: (boardId: string, participantId: string) => Promise<AnySocket | undefined>
  handover: LinkHandover
  /** The Yjs side, read when a facilitator runs the board's drawing. */
  rooms: BoardRooms
  onWorkshopEnd: () => void
}

/** Acks the caller if it asked for one; a client that sends no callback simply gets none. */
function replyTo(ack: unknown): (reply: IntentAck) => void {
  return typeof ack === 'function' ? (ack as (reply: IntentAck) => void) : () => {}
}

/** Finds a participant's socket by id among every instance's sockets on the board. */
export async function findParticipant(
  io: Server<never, SessionServerEvents, Record<string, never>, SessionSocketData>,
  boardId: string,
  participantId: string,
): Promise<AnySocket | undefined> {
  const local = io.sockets.sockets.get(participantId)
  if (local) return local.data.boardId === boardId ? local : undefined
  const [remote] = await io.in(participantId).fetchSockets()
  return remote?.data.boardId === boardId ? remote : undefined
}

/**
 * Intents in: checked (zod, the sender's role now), applied by the board's session (one order
 * across instances), acked with the refusal's code and words; a demotion below a link's role
 * hands the link over.
 */
export function attachIntents(socket: SessionSocket, deps: IntentDeps): void {
  const { boardId } = socket.data
  socket.on('session:intent', async (payload: unknown, ack?: unknown) => {
    const intent = sessionIntentSchema.safeParse(payload)
    if (deps.limited(intent.success && intent.data.type === 'vote' ? 'vote' : 'intent', ack)) return
    const reply = replyTo(ack)
    if (!intent.success) {
      return reply({
        ok: false,
        code: REFUSAL.badIntent,
        message: intent.error.issues[0]?.message ?? 'invalid',
      })
    }
    const name = deps.nameOf(socket)
    // Taking a link's own role from its holder replaces the link, which only its facilitator can do.
    const target =
      intent.data.type === 'role:set' ? await deps.onBoard(boardId, intent.data.participantId) : undefined
    const handOver =
      intent.data.type === 'role:set' &&
      target !== undefined &&
      target.id !== socket.id &&
      needsHandover(target.data.role, intent.data.role)
    if (handOver && canDriveSession(deps.roleNow(socket)) && socket.data.role !== 'facilitator') {
      return reply({
        ok: false,
        code: REFUSAL.needsFacilitatorLink,
        message: 'Only someone who joined with the facilitator link can take away the role of a link.',
      })
    }
    const room = await deps.session
    const asked = room.current.checkpoint
    const voteOn = intent.data.type === 'vote' && asked?.id === intent.data.checkpointId ? asked : null
    // Run freezes the board's drawing as it is now (only a Run the sender may make is worth the reading).
    const diagram =
      intent.data.type === 'drawn:run' && mayRunDrawn(room.current, deps.roleNow(socket))
        ? await readBoardDiagram(deps.rooms, boardId)
        : undefined
    const answer = await room.apply(
      intent.data,
      {
        role: deps.roleNow(socket),
        id: socket.id,
        name,
        identityId: deps.voterKey(socket, voteOn),
        identityIdOf: (participantId) => (participantId === target?.id ? target.data.identity.id : undefined),
      },
      diagram,
    )
    if (answer.ok && handOver && target && intent.data.type === 'role:set') {
      const targetName = target.data.participant?.name ?? 'Someone'
      const handed = await deps.handover.demote(socket, target, intent.data.role, targetName)
      if (!handed.ok) return reply({ ok: false, code: handed.failure.code, message: handed.failure.message })
    }
    reply(answer)
    // a promotion needs no new link, so nothing else would tell them who changed their role
    if (answer.ok && target && !handOver && intent.data.type === 'role:set')
      target.emit('session:notice', { kind: 'role-changed', by: name, role: intent.data.role })
    if (answer.ok && intent.data.type === 'workshop:end') deps.onWorkshopEnd()
  })
}
