import { boardLink } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import { openTokens } from '../auth/capabilities'
import type { BoardRecord } from '../storage/board-store'

/** The share links the holder of `token` (with `role`) may hand on: never more than their own power. */
export function shareLinksFor(board: BoardRecord, role: Role, token: string): Partial<Record<Role, string>> {
  const sealed = role === 'facilitator' || role === 'editor' ? board.sealedLinks[role] : null
  const tokens = sealed ? (openTokens(token, board.id, sealed) ?? {}) : {}
  if (role === 'viewer') tokens.viewer = token
  const links: Partial<Record<Role, string>> = {}
  for (const [linkRole, linkToken] of Object.entries(tokens) as [Role, string][]) {
    links[linkRole] = boardLink(board.id, linkToken)
  }
  return links
}
