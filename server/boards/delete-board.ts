import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { BoardPolicies } from '../session/board-policies'
import type { SessionChannel } from '../session/session-server'
import type { BoardStore } from '../storage/board-store'
import type { BoardRooms } from '../sync/board-rooms'
import type { AutoVersions } from './auto-versions'

export interface DeleteBoardDeps {
  store: BoardStore
  rooms: BoardRooms
  live: Pick<SessionChannel, 'disconnect' | 'sessions'>
  autoVersions: AutoVersions
  policies: BoardPolicies
}

const DELETED = { code: 'board_not_found', message: 'This board was deleted by its facilitator.' } as const

/**
 * Deletes a board for everyone. Its Yjs room and live session are closed first, so what they still
 * had to store lands before the rows go (and nothing is written after); then the board and
 * everything hanging off it (log, versions, publications, thumbnail, session) is deleted.
 */
export async function deleteBoard(deps: DeleteBoardDeps, boardId: string): Promise<void> {
  deps.autoVersions.retire(boardId)
  try {
    await closeLiveBoard(deps, boardId)
    await deps.store.deleteBoard(boardId)
    // Someone who reconnected while we closed found the board still there: close them again.
    // Their room can no longer store anything, and closing it tolerates that.
    await closeLiveBoard(deps, boardId)
    deps.policies.forget(boardId)
  } finally {
    deps.autoVersions.forget(boardId)
  }
}

async function closeLiveBoard(deps: DeleteBoardDeps, boardId: string): Promise<void> {
  const room = await deps.rooms.peek(boardId)
  room?.disconnectAll(YJS_CLOSE.boardNotFound, 'board deleted')
  await deps.rooms.unload(boardId)
  deps.live.disconnect(boardId, DELETED)
  await deps.live.sessions.release(boardId)
}
