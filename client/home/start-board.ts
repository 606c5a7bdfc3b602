import type { CreateBoardBody } from '../../shared/protocol/rest'
import { openNewBoard } from '../open-new-board'
import { createBoard } from '../rest-client'

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
  openNewBoard(result.value, { share: true, workshopId: options.workshopId })
  return null
}
