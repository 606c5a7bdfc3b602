import { useEffect, useState } from 'react'
import { type ShareLinks, tokenFromFragment } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import { findRememberedBoard, rememberBoard } from '../remembered-boards'
import { fetchBoardInfo, type RequestFailure } from '../rest-client'

/** What opening a board's link gave: the way in, or why not. */
export type BoardAccess =
  | { kind: 'no-token' }
  | { kind: 'loading' }
  | { kind: 'failed'; failure: RequestFailure; remembered: boolean }
  | {
      kind: 'ready'
      token: string
      role: Role
      title: string
      shareLinks: Partial<ShareLinks>
      /** The template the board was started from; null for a blank board or when the server could not be asked. */
      templateId: string | null
      /** The server has a picture of the board's content (assumed so when it could not be asked). */
      hasThumbnail: boolean
      /** The server could not be asked; role and title come from this browser's memory. */
      fromMemory: boolean
    }

/**
 * Finds the link's token (the `#k=` fragment, else this browser's remembered boards), asks the
 * server what it grants, and remembers the board. Offline, a remembered board still opens.
 */
export function useBoardAccess(boardId: string, fragment: string): BoardAccess {
  const [access, setAccess] = useState<BoardAccess>({ kind: 'loading' })

  useEffect(() => {
    const remembered = findRememberedBoard(boardId)
    const token = tokenFromFragment(fragment) ?? remembered?.token ?? null
    if (!token) {
      setAccess({ kind: 'no-token' })
      return
    }
    let live = true
    setAccess({ kind: 'loading' })
    void fetchBoardInfo(boardId, token).then((result) => {
      if (!live) return
      if (result.ok) {
        const info = result.value
        rememberBoard({ id: boardId, title: info.title, role: info.role, token, lastOpened: Date.now() })
        setAccess({
          kind: 'ready',
          token,
          role: info.role,
          title: info.title,
          shareLinks: info.urls,
          templateId: info.templateId,
          hasThumbnail: info.thumbnailAt !== null,
          fromMemory: false,
        })
      } else if (result.failure.code === 'network_error' && remembered && remembered.token === token) {
        setAccess({
          kind: 'ready',
          token,
          role: remembered.role,
          title: remembered.title,
          shareLinks: {},
          templateId: null,
          hasThumbnail: true,
          fromMemory: true,
        })
      } else {
        setAccess({ kind: 'failed', failure: result.failure, remembered: remembered?.token === token })
      }
    })
    return () => {
      live = false
    }
  }, [boardId, fragment])

  return access
}
