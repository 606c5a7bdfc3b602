import { canDriveSession, type Role } from '../../shared/protocol/roles'
import {
  handLowerSchema,
  type RoomReaction,
  reactionSendSchema,
  type SummaryAck,
} from '../../shared/protocol/room-signals'
import type { IntentAck } from '../../shared/protocol/session'
import { REFUSAL } from '../../shared/session/intents'
import { summarizeSession } from '../../shared/session/session-summary'
import type { BoardStore } from '../storage/board-store'
import type { SessionEventKind } from './connection-limits'
import type { Participants } from './participants'
import type { SessionSocket } from './session-handshake'
import type { SessionRoom } from './session-room'

export interface RoomSignalDeps {
  boardId: string
  participants: Participants
  store: BoardStore
  session: Promise<SessionRoom>
  /** False (and the sender told to slow down) when this connection sent too many of this kind. */
  limited: (kind: SessionEventKind, ack: unknown) => boolean
  roleNow: (socket: SessionSocket) => Role
  /** A participant here changed: everyone, on every instance, gets the new list. */
  participantChanged: (socketId: string) => void
  /** The participant is not on this instance: ask the others to lower their hand. */
  lowerHandElsewhere: (participantId: string) => void
  /** Everyone on the board, the sender included. */
  emitToBoard: (reaction: RoomReaction) => void
  now: () => number
}

const replyTo = (ack: unknown) =>
  typeof ack === 'function' ? (ack as (reply: IntentAck | SummaryAck) => void) : () => {}

const notFacilitator = (message: string): IntentAck => ({ ok: false, code: REFUSAL.notFacilitator, message })

/**
 * The room's quick signals: raised hands (kept with the participant, so they go when the person
 * goes), reactions (relayed, never stored) and the facilitator's end-of-session summary. Each kind
 * has its own allowance per connection, like every other session message.
 */
export function attachRoomSignals(socket: SessionSocket, deps: RoomSignalDeps): void {
  const { boardId, participants } = deps

  socket.on('hand:raise', (ack?: unknown) => {
    if (deps.limited('hand', ack)) return
    if (!participants.get(boardId, socket.id)) {
      return replyTo(ack)({ ok: false, code: 'no_name', message: 'Join the session first.' })
    }
    if (participants.setHand(boardId, socket.id, deps.now())) deps.participantChanged(socket.id)
    replyTo(ack)({ ok: true })
  })

  socket.on('hand:lower', (payload: unknown, ack?: unknown) => {
    if (deps.limited('hand', ack)) return
    const reply = replyTo(ack)
    const lower = handLowerSchema.safeParse(payload ?? {})
    if (!lower.success) return reply({ ok: false, code: REFUSAL.badIntent, message: 'not a hand to lower' })
    const whose = lower.data.participantId ?? socket.id
    if (whose !== socket.id && !canDriveSession(deps.roleNow(socket))) {
      return reply(notFacilitator('Only a facilitator can lower someone else’s hand.'))
    }
    if (!participants.get(boardId, whose)) deps.lowerHandElsewhere(whose)
    else if (participants.setHand(boardId, whose, undefined)) deps.participantChanged(whose)
    reply({ ok: true })
  })

  socket.on('room:react', (payload: unknown, ack?: unknown) => {
    if (deps.limited('reaction', ack)) return
    const reply = replyTo(ack)
    const sent = reactionSendSchema.safeParse(payload)
    if (!sent.success) return reply({ ok: false, code: REFUSAL.badIntent, message: 'not a reaction' })
    const name = participants.get(boardId, socket.id)?.name
    if (!name) return reply({ ok: false, code: 'no_name', message: 'Join the session first.' })
    deps.emitToBoard({ participantId: socket.id, name, reaction: sent.data.reaction })
    reply({ ok: true })
  })

  socket.on('session:summary', async (ack?: unknown) => {
    if (deps.limited('summary', ack)) return
    const reply = replyTo(ack)
    if (!canDriveSession(deps.roleNow(socket))) {
      return reply(notFacilitator('Only a facilitator can download the summary.'))
    }
    const [room, board] = await Promise.all([deps.session, deps.store.getBoard(boardId)])
    reply({ ok: true, summary: summarizeSession(room.current, board?.title ?? 'Board', deps.now()) })
  })
}
