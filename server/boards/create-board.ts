import { boardLink } from '../../shared/protocol/links'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import type { SessionState } from '../../shared/session/session-state'
import { hashToken, randomId, sealTokens } from '../auth/capabilities'
import type { BoardStore } from '../storage/board-store'
import { type DocumentContent, stateOfContent } from './board-content'

export const DEFAULT_BOARD_TITLE = 'Untitled board'

/** Creates a board with three fresh capability tokens; the tokens leave the server only in this answer. */
export async function createBoard(
  store: BoardStore,
  input: {
    title?: string | undefined
    templateId?: string | null
    originBoardId?: string | null
    originVersionId?: string | null
  },
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
    originVersionId: input.originVersionId ?? null,
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

/**
 * Creates a board that starts with content (a fork or an imported file): its first update, and the
 * picture and session that come with it. If storing any of it fails, the board is removed again.
 */
export async function createBoardWithContent(
  store: BoardStore,
  input: Parameters<typeof createBoard>[1] & {
    document: DocumentContent
    thumbnail?: Uint8Array | null
    session?: SessionState | null
  },
): Promise<CreateBoardResponse> {
  const { document, thumbnail, session, ...board } = input
  const created = await createBoard(store, board)
  try {
    await store.appendUpdate(created.id, stateOfContent(document))
    if (thumbnail) await store.saveThumbnail(created.id, thumbnail)
    if (session) await store.saveSessionState(created.id, session)
  } catch (error) {
    await store.deleteBoard(created.id)
    throw error
  }
  return created
}
