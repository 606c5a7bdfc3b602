import { useEffect, useMemo, useState } from 'react'
import { boardLink, type ShareLinks } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { RotateLinksResponse } from '../../shared/protocol/saved-boards'
import type { LinkReplaced } from '../../shared/protocol/session'
import { rememberBoard } from '../remembered-boards'
import { navigate } from '../router'
import type { LinkReplacement } from './ShareDialog'
import { requestShareOnArrival } from './share-on-arrival'

/**
 * The share links this tab shows, and — for a facilitator's link — how to replace one. When the
 * facilitator link itself is replaced, this tab moves to the new one (its old one stops working).
 * A link the server replaced to demote someone (`replaced`) shows up here as soon as it is told.
 */
export function useLinkReplacement(
  boardId: string,
  token: string,
  linkRole: Role,
  title: string,
  initialLinks: Partial<ShareLinks>,
  replaced: LinkReplaced | null,
): { links: Partial<ShareLinks>; replacement: LinkReplacement | null } {
  const [links, setLinks] = useState(initialLinks)
  useEffect(() => {
    if (replaced) setLinks((current) => ({ ...current, [replaced.role]: replaced.url }))
  }, [replaced])
  const replacement = useMemo<LinkReplacement | null>(() => {
    if (linkRole !== 'facilitator') return null
    return {
      boardId,
      token,
      onReplaced: (rotated: RotateLinksResponse, roles: Role[]) => {
        setLinks(rotated.urls)
        if (!roles.includes('facilitator')) return
        const newToken = rotated.tokens.facilitator
        rememberBoard({ id: boardId, title, role: 'facilitator', token: newToken, lastOpened: Date.now() })
        requestShareOnArrival(boardId)
        navigate(boardLink(boardId, newToken))
      },
    }
  }, [boardId, token, linkRole, title])
  return { links, replacement }
}
