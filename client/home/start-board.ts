import { boardLink } from '../../shared/protocol/links'
import type { CreateBoardBody } from '../../shared/protocol/rest'
import { requestShareOnArrival } from '../board/share-on-arrival'
import { rememberBoard } from '../remembered-boards'
import { createBoard } from '../rest-client'
import { navigate } from '../router'

/**
 * Creates a board (blank or from a template), remembers its facilitator link in this browser and
 * opens it with the Share dialog. Returns null on success, or why no board was made, in words.
 */
export async function startBoard(
  body: CreateBoardBody,
  options: { workshopId?: string } = {},
): Promise<string | null> {
  const result = await createBoard(body)
  if (!result.ok) {
    return result.failure.code === 'network_error'
      ? 'Could not reach the server, so no board was made. Check your connection and try again.'
      : `No board was made: ${result.failure.message}`
  }
  const board = result.value
  rememberBoard({
    id: board.id,
    title: board.title,
    role: 'facilitator',
    token: board.tokens.facilitator,
    lastOpened: Date.now(),
  })
  requestShareOnArrival(board.id)
  const link = boardLink(board.id, board.tokens.facilitator)
  // a workshop queued from the home page waits on the board for the facilitator's "Start workshop"
  const hashAt = link.indexOf('#')
  navigate(
    options.workshopId
      ? `${link.slice(0, hashAt)}?workshop=${encodeURIComponent(options.workshopId)}${link.slice(hashAt)}`
      : link,
  )
  return null
}
