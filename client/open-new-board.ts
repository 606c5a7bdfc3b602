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
  options: { share?: boolean; workshopId?: string } = {},
): void {
  rememberBoard({
    id: board.id,
    title: board.title,
    role: 'facilitator',
    token: board.tokens.facilitator,
    lastOpened: Date.now(),
  })
  if (options.share) requestShareOnArrival(board.id)
  const link = boardLink(board.id, board.tokens.facilitator)
  const hashAt = link.indexOf('#')
  navigate(
    options.workshopId
      ? `${link.slice(0, hashAt)}?workshop=${encodeURIComponent(options.workshopId)}${link.slice(hashAt)}`
      : link,
  )
}
