import type { SessionState } from '../../shared/session/session-state'
import { SessionRoom, type SessionRoomDeps } from './session-room'

type Deps = Omit<SessionRoomDeps, 'broadcast' | 'onState' | 'onBusMessage'> & {
  broadcastTo: (boardId: string) => SessionRoomDeps['broadcast']
  onState?: (state: SessionState, boardId: string) => void
  onBusMessage?: (
    message: Parameters<NonNullable<SessionRoomDeps['onBusMessage']>>[0],
    boardId: string,
  ) => void
}

/**
 * Live sessions held by this instance: loaded on a board's first socket here, closed when its last
 * socket here leaves (other instances may hold the same board; storage orders their changes).
 */
export class SessionRooms {
  private readonly rooms = new Map<string, Promise<SessionRoom>>()
  /** Rooms being closed; a newcomer waits so it loads what the closing room stored last. */
  private readonly closing = new Map<string, Promise<void>>()

  constructor(private readonly deps: Deps) {}

  async acquire(boardId: string): Promise<SessionRoom> {
    await this.closing.get(boardId)
    let room = this.rooms.get(boardId)
    if (!room) {
      const { onState, onBusMessage } = this.deps
      room = SessionRoom.load(boardId, {
        ...this.deps,
        broadcast: this.deps.broadcastTo(boardId),
        onState: onState && ((state) => onState(state, boardId)),
        onBusMessage: onBusMessage && ((message) => onBusMessage(message, boardId)),
      })
      this.rooms.set(boardId, room)
      room.catch(() => this.rooms.delete(boardId))
    }
    return room
  }

  /** The room if loaded (for tests and metrics). */
  peek(boardId: string): Promise<SessionRoom> | undefined {
    return this.rooms.get(boardId)
  }

  /** Closes a board's session once its last socket left; resolves when its last state is stored. */
  release(boardId: string): Promise<void> {
    const room = this.rooms.get(boardId)
    if (!room) return this.closing.get(boardId) ?? Promise.resolve()
    this.rooms.delete(boardId)
    const closed = room.then((r) => r.close()).finally(() => this.closing.delete(boardId))
    this.closing.set(boardId, closed)
    return closed
  }

  /** The boards with a session loaded here. */
  boards(): string[] {
    return [...this.rooms.keys()]
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.rooms.keys()].map((id) => this.release(id)))
  }
}
