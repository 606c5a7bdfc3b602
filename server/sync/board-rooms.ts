import type { Logger } from '../log'
import { BoardRoom, type RoomOptions } from './board-room'

interface Entry {
  room: Promise<BoardRoom>
  idleTimer: NodeJS.Timeout | undefined
  /** Set while the room is being unloaded; a newcomer waits for it, then loads afresh. */
  closing: Promise<void> | undefined
}

/**
 * The boards currently in memory. A board is loaded on its first connection, and unloaded
 * (flushed and compacted) after `idleUnloadMs` without connections.
 */
export class BoardRooms {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: RoomOptions & { idleUnloadMs: number; log: Logger }) {}

  /** The loaded room for a board, loading it if needed; cancels a pending idle unload. */
  async acquire(boardId: string): Promise<BoardRoom> {
    let entry = this.entries.get(boardId)
    if (entry?.closing) {
      await entry.closing
      entry = this.entries.get(boardId)
    }
    if (entry) {
      clearTimeout(entry.idleTimer)
      entry.idleTimer = undefined
      const room = await entry.room
      if (!room.hasFailed) return room
      await this.unload(boardId)
      return this.acquire(boardId)
    }
    const room = BoardRoom.load(boardId, this.options)
    const fresh: Entry = { room, idleTimer: undefined, closing: undefined }
    this.entries.set(boardId, fresh)
    room.then(
      () => this.options.log.debug('board loaded', { board: boardId }),
      () => this.entries.delete(boardId),
    )
    return room
  }

  /** Called when a connection leaves; schedules the unload of an empty room. */
  release(room: BoardRoom): void {
    const entry = this.entries.get(room.boardId)
    if (!entry || room.connectionCount > 0) return
    clearTimeout(entry.idleTimer)
    entry.idleTimer = setTimeout(() => void this.unload(room.boardId), this.options.idleUnloadMs)
    entry.idleTimer.unref()
  }

  /** The room if it is in memory right now (never loads). */
  async peek(boardId: string): Promise<BoardRoom | undefined> {
    const entry = this.entries.get(boardId)
    return entry && !entry.closing ? entry.room : undefined
  }

  isLoaded(boardId: string): boolean {
    return this.entries.has(boardId)
  }

  get loadedCount(): number {
    return this.entries.size
  }

  /** Flushes and frees one board. */
  async unload(boardId: string): Promise<void> {
    const entry = this.entries.get(boardId)
    if (!entry) return
    if (entry.closing) return entry.closing
    clearTimeout(entry.idleTimer)
    entry.closing = (async () => {
      try {
        const room = await entry.room
        await room.close()
        this.options.log.debug('board unloaded', { board: boardId })
      } finally {
        this.entries.delete(boardId)
      }
    })()
    return entry.closing
  }

  /** Flushes and frees every board (graceful shutdown). */
  async unloadAll(): Promise<void> {
    await Promise.allSettled([...this.entries.keys()].map((id) => this.unload(id)))
  }
}
