import type { Failure } from '../../shared/protocol/errors'
import { boardLink } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { RotateLinksResponse } from '../../shared/protocol/saved-boards'
import { hashToken, openTokens, randomId, sealTokens } from '../auth/capabilities'
import type { BoardRecord, BoardStore } from '../storage/board-store'

/**
 * Replaces the links of some roles. The facilitator's sealed links give us the tokens that stay,
 * so every link can be sealed again under the (possibly new) facilitator and editor tokens.
 * Returns all three links; the old tokens of the rotated roles stop working once this resolves.
 */
export async function rotateLinks(
  store: BoardStore,
  board: BoardRecord,
  facilitatorToken: string,
  roles: readonly Role[],
): Promise<{ ok: true; links: RotateLinksResponse } | { ok: false; failure: Failure }> {
  const current = openTokens(facilitatorToken, board.id, board.sealedLinks.facilitator)
  const { facilitator, editor, viewer } = current ?? {}
  if (!facilitator || !editor || !viewer) {
    return { ok: false, failure: { code: 'internal', message: 'The links of this board could not be read.' } }
  }
  const tokens = { facilitator, editor, viewer }
  for (const role of new Set(roles)) tokens[role] = randomId()
  await store.replaceTokens(
    board.id,
    {
      facilitator: hashToken(tokens.facilitator),
      editor: hashToken(tokens.editor),
      viewer: hashToken(tokens.viewer),
    },
    {
      facilitator: sealTokens(tokens.facilitator, board.id, tokens),
      editor: sealTokens(tokens.editor, board.id, { editor: tokens.editor, viewer: tokens.viewer }),
    },
  )
  return {
    ok: true,
    links: {
      tokens,
      urls: {
        facilitator: boardLink(board.id, tokens.facilitator),
        editor: boardLink(board.id, tokens.editor),
        viewer: boardLink(board.id, tokens.viewer),
      },
    },
  }
}
