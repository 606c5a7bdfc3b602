import { boardLink } from '../../shared/protocol/links'
import type { CreateBoardResponse } from '../../shared/protocol/rest'
import { rememberBoard } from '../remembered-boards'
import { navigate } from '../router'

/** Opens a new board made by a fork or a copy, as its facilitator, and remembers it in this browser. */
export function openNewBoard(board: CreateBoardResponse): void {
  rememberBoard({
    id: board.id,
    title: board.title,
    role: 'facilitator',
    token: board.tokens.facilitator,
    lastOpened: Date.now(),
  })
  navigate(boardLink(board.id, board.tokens.facilitator))
}
