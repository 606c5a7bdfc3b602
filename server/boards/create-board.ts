import { boardLink } from '../../shared/protocol/links'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { hashToken, randomId, sealTokens } from '../auth/capabilities'
import type { BoardStore } from '../storage/board-store'

export const DEFAULT_BOARD_TITLE = 'Untitled board'

/** Creates a board with three fresh capability tokens; the tokens leave the server only in this answer. */
export async function createBoard(
  store: BoardStore,
  input: { title?: string | undefined; templateId?: string | null; originBoardId?: string | null },
): Promise<CreateBoardResponse> {
  const id = randomId()
  const tokens = { facilitator: randomId(), editor: randomId(), viewer: randomId() }
  const board = await store.createBoard({
    id,
    title: input.title ?? DEFAULT_BOARD_TITLE,
    templateId: input.templateId ?? null,
    createdAt: new Date().toISOString(),
    tokenHashes: {
      facilitator: hashToken(tokens.facilitator),
      editor: hashToken(tokens.editor),
      viewer: hashToken(tokens.viewer),
    },
    sealedLinks: {
      facilitator: sealTokens(tokens.facilitator, id, tokens),
      editor: sealTokens(tokens.editor, id, { editor: tokens.editor, viewer: tokens.viewer }),
    },
    originBoardId: input.originBoardId ?? null,
  })
  return {
    id: board.id,
    title: board.title,
    tokens,
    urls: {
      facilitator: boardLink(id, tokens.facilitator),
      editor: boardLink(id, tokens.editor),
      viewer: boardLink(id, tokens.viewer),
    },
  }
}
