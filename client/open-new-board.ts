import { boardLink } from '../shared/protocol/links'
import type { CreateBoardResponse } from '../shared/protocol/rest'
import { requestShareOnArrival } from './board/share-on-arrival'
import { rememberBoard } from './remembered-boards'
import { navigate } from './router'

/**
 * Opens a board just made here (created, forked, copied or imported) with its facilitator link,
 * and remembers it in this browser. A fresh board can open on its Share dialog; a workshop chosen
 * on the home page waits on the board for the facilitator's "Start workshop".
 */
export function openNewBoard(
  board: CreateBoardResponse,
  options: { share?: boolean; workshopId?: string; origin?: string } = {},
): void {
  const link = rememberNewBoard(board, options.origin)
  if (options.share) requestShareOnArrival(board.id)
  const hashAt = link.indexOf('#')
  navigate(
    options.workshopId
      ? `${link.slice(0, hashAt)}?workshop=${encodeURIComponent(options.workshopId)}${link.slice(hashAt)}`
      : link,
  )
}

/** Remembers a board just made here in this browser, as its facilitator; returns its facilitator link. */
export function rememberNewBoard(board: CreateBoardResponse, origin?: string): string {
  rememberBoard({
    id: board.id,
    title: board.title,
    role: 'facilitator',
    token: board.tokens.facilitator,
    lastOpened: Date.now(),
    origin,
  })
  return boardLink(board.id, board.tokens.facilitator)
}
