import type { Server } from 'socket.io'
import type { Role } from '../../shared/protocol/roles'
import type { Participant, SessionClientEvents, SessionServerEvents } from '../../shared/protocol/session'
import type { BoardBus } from '../bus/board-bus'
import { type Logger, reasonOf } from '../log'
import type { Participants } from './participants'
import type { SessionSocketData } from './session-handshake'

type SessionServer = Server<
  SessionClientEvents,
  SessionServerEvents,
  Record<string, never>,
  SessionSocketData
>

export interface ParticipantListDeps {
  io: SessionServer
  /** The participants connected to this instance. */
  participants: Participants
  bus: BoardBus
  /** The role a socket acts with now (its link's, or what the facilitator granted). */
  roleOf: (data: SessionSocketData) => Role
  log: Logger
}

/**
 * The list everyone on a board sees, across instances. Each instance keeps its own participants in
 * its sockets' `data`; socket.io's adapter (`fetchSockets`, Redis across instances, in memory alone)
 * reads every instance's, so a person whose instance died is simply not in the next reading. A
 * change is read and sent here, and the other instances are told to read and send to theirs.
 */
export class ParticipantLists {
  /** Boards being read now; `again` when something changed meanwhile (read once more after). */
  private readonly reading = new Map<string, { again: boolean }>()

  constructor(private readonly deps: ParticipantListDeps) {}

  /** A participant on this instance changed (joined, renamed, raised a hand, left). */
  changed(boardId: string, socketId: string): void {
    const socket = this.deps.io.sockets.sockets.get(socketId)
    if (socket) socket.data.participant = this.deps.participants.get(boardId, socketId)
    this.refresh(boardId)
    this.deps.bus.publish(boardId, { kind: 'participants' })
  }

  /** Asks whichever instance holds `participantId` to lower their hand. */
  lowerHandElsewhere(boardId: string, participantId: string): void {
    this.deps.bus.publish(boardId, { kind: 'participants', lowerHand: participantId })
  }

  /** What another instance said: lower a hand held here, then read the list again. */
  heard(boardId: string, lowerHand: string | undefined): void {
    if (lowerHand && this.deps.participants.setHand(boardId, lowerHand, undefined)) {
      this.changed(boardId, lowerHand)
    } else {
      this.refresh(boardId)
    }
  }

  /** Reads every instance's participants and sends the list to this instance's sockets on the board. */
  refresh(boardId: string): void {
    const current = this.reading.get(boardId)
    if (current) {
      current.again = true
      return
    }
    const reading = { again: true }
    this.reading.set(boardId, reading)
    void (async () => {
      while (reading.again) {
        reading.again = false
        await this.send(boardId)
      }
      this.reading.delete(boardId)
    })()
  }

  private async send(boardId: string): Promise<void> {
    try {
      const sockets = await this.deps.io.in(boardId).fetchSockets()
      const list: Participant[] = sockets
        .flatMap(({ data }) =>
          data.participant && data.boardId === boardId
            ? [{ since: data.since, participant: { ...data.participant, role: this.deps.roleOf(data) } }]
            : [],
        )
        .sort((a, b) => a.since - b.since || a.participant.id.localeCompare(b.participant.id))
        .map((entry) => entry.participant)
      this.deps.io.local.to(boardId).emit('session:participants', list)
    } catch (error) {
      // an instance that does not answer in time: the next change or periodic reading retries
      this.deps.log.warn('could not read the participants of every instance', {
        board: boardId,
        reason: reasonOf(error),
      })
    }
  }
}
