import { CONTENT_LIMITS } from '../../shared/protocol/board-file'
import { openNewBoard } from '../open-new-board'
import { importBoardFile } from '../saved-boards-api'

const NOT_A_BOARD_FILE =
  'This file is not a Lockstep board file. Choose a file exported from a Lockstep board.'

/**
 * Sends a board file to the server, which makes a new board of it; remembers the new board as
 * facilitator and opens it. Returns null on success, or why nothing was made, in words.
 */
export async function importBoard(file: File): Promise<string | null> {
  const megabytes = CONTENT_LIMITS.fileBytes / (1024 * 1024)
  // the server refuses these too; checking here spares sending megabytes for nothing
  if (file.size > CONTENT_LIMITS.fileBytes) {
    return `This file is larger than ${megabytes} MB, more than a board file can be. Nothing was imported.`
  }
  let text: string
  try {
    text = await file.text()
    JSON.parse(text)
  } catch {
    return NOT_A_BOARD_FILE
  }
  const result = await importBoardFile(text)
  if (!result.ok) {
    switch (result.failure.code) {
      case 'network_error':
        return 'Could not reach the server, so nothing was imported. Check your connection and try again.'
      case 'payload_too_large':
        return `This file is larger than ${megabytes} MB, more than a board file can be. Nothing was imported.`
      case 'invalid_json':
        return NOT_A_BOARD_FILE
      default:
        // the server says what is wrong with the file ("This file is not a Lockstep board file.")
        return result.failure.message
    }
  }
  openNewBoard(result.value, { origin: `Imported from ${file.name}` })
  return null
}
