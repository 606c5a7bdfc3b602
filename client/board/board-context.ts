import { createContext, useContext } from 'react'
import type { Editor } from 'tldraw'
import type { ShareLinks } from '../../shared/protocol/links'
import type { Role } from '../../shared/protocol/roles'
import type { Participant } from '../../shared/protocol/session'
import type { ConnectionState } from './connection-state'

/** The board's own dialogs, opened from the Board menu. */
export type BoardDialogKind = 'rename' | 'save-version' | 'versions' | 'fork' | 'export' | 'delete'

/** What the bar inside tldraw's UI and the dock beside it need to know (tldraw's slots take no props). */
export interface BoardUiState {
  boardId: string
  /** This tab's link token, for the board's REST calls. */
  token: string
  title: string
  role: Role
  /** The role of this tab's link: what the REST endpoints grant (a role granted in the session is not). */
  linkRole: Role
  canWrite: boolean
  connection: ConnectionState
  participants: Participant[]
  selfId: string | null
  /** Share links (paths) this role may hand on. */
  shareLinks: Partial<ShareLinks>
  openShare: () => void
  /** Opens the template picker; only offered to people who may edit. */
  openTemplatePicker: () => void
  /** The template the board was started from, if any: its scenarios come first in the picker. */
  templateId: string | null
  /** The board's tldraw editor, once mounted (the dock lives outside tldraw's own tree). */
  editor: Editor | null
  openDialog: (dialog: BoardDialogKind) => void
  /** Shows a short message at the bottom of the board for a few seconds. */
  notify: (text: string) => void
  /** The title changed here (a rename): show it at once. */
  retitle: (title: string) => void
}

export const BoardUiContext = createContext<BoardUiState | null>(null)

/** The board's UI state; only valid inside a board page. */
export function useBoardUi(): BoardUiState {
  const state = useContext(BoardUiContext)
  if (!state) throw new Error('useBoardUi must be used inside a board page')
  return state
}
