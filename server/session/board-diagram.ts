import { snapshotFromRecords } from '../../shared/diagram/from-tldraw'
import type { GraphSnapshot } from '../../shared/diagram/graph-snapshot'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import type { BoardRooms } from '../sync/board-rooms'

/**
 * The board's diagram as it stands in its Yjs document now, read the way every client reads it;
 * null when no box has a component kind. A board nobody has open is loaded for the reading and
 * left to unload when idle.
 */
export async function readBoardDiagram(rooms: BoardRooms, boardId: string): Promise<GraphSnapshot | null> {
  const room = (await rooms.peek(boardId)) ?? (await rooms.acquire(boardId))
  try {
    const records = [...room.doc.getMap(BOARD_DOC.recordsMap).values()]
    return snapshotFromRecords(records).snapshot
  } finally {
    rooms.release(room)
  }
}
