import { useEffect } from 'react'
import { boardLink } from '../../shared/protocol/links'
import { isAtLeast, type Role } from '../../shared/protocol/roles'
import type { LinkHandover } from '../../shared/protocol/session'
import { replaceRememberedLink } from '../remembered-boards'
import { navigate } from '../router'
import { leaveNoticeOnArrival } from './notice-on-arrival'

const ROLE_NAME: Record<Role, string> = { facilitator: 'facilitator', editor: 'editor', viewer: 'viewer' }

/**
 * Moves this tab to the link the server handed it. That happens when someone who came in with the
 * same link was demoted: the link was replaced, and everyone else here carries on with the new one
 * (and the demoted person with the link of their new role). The old link no longer opens the board.
 */
export function useLinkHandover(
  boardId: string,
  token: string,
  linkRole: Role,
  title: string,
  handover: LinkHandover | null,
): void {
  useEffect(() => {
    if (!handover || handover.token === token) return
    replaceRememberedLink(boardId, token, {
      id: boardId,
      title,
      role: handover.role,
      token: handover.token,
      lastOpened: Date.now(),
    })
    leaveNoticeOnArrival(
      boardId,
      isAtLeast(handover.role, linkRole)
        ? `The facilitator replaced this board's ${ROLE_NAME[linkRole]} link. This page uses the new one now.`
        : `The facilitator made you a ${ROLE_NAME[handover.role]}.`,
    )
    navigate(boardLink(boardId, handover.token))
  }, [boardId, token, linkRole, title, handover])
}
