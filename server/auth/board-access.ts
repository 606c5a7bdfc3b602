import type { Failure } from '../../shared/protocol/errors'
import { boardIdSchema, tokenSchema } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { BoardRecord, BoardStore } from '../storage/board-store'
import { roleForToken } from './capabilities'

export type Grant = { ok: true; role: Role; board: BoardRecord } | { ok: false; failure: Failure }

/** The one place that turns (board id, token) into a role, for REST, Yjs and socket.io alike. */
export class BoardAccess {
  constructor(private readonly store: BoardStore) {}

  async authorize(boardId: string, token: string): Promise<Grant> {
    if (!boardIdSchema.safeParse(boardId).success) return notFound()
    const board = await this.store.getBoard(boardId)
    if (!board) return notFound()
    const role = tokenSchema.safeParse(token).success ? roleForToken(token, board.tokenHashes) : null
    if (!role)
      return {
        ok: false,
        failure: { code: 'unauthorized', message: 'This link is not valid for this board.' },
      }
    return { ok: true, role, board }
  }
}

function notFound(): Grant {
  return { ok: false, failure: { code: 'board_not_found', message: 'No board with this id.' } }
}
