import type { WebsocketProvider } from 'y-websocket'
import { boardNoticeText, NOTICE_MESSAGE_TYPE, readBoardNotice } from '../../shared/protocol/board-notices'
import type { ConnectionState } from './connection-state'

/**
 * Shows the server's notices about the board (saving paused and resumed, board full) as connection
 * states. Returns the function that stops listening.
 */
export function listenForNotices(
  provider: WebsocketProvider,
  show: (state: ConnectionState) => void,
): () => void {
  provider.messageHandlers[NOTICE_MESSAGE_TYPE] = (_encoder, decoder) => {
    const notice = readBoardNotice(decoder)
    if (!notice) return // from a newer server: nothing we can say about it
    switch (notice.kind) {
      case 'saving-paused':
        return show({ kind: 'saving-paused', reason: boardNoticeText(notice) })
      case 'saving-resumed':
        return show({ kind: 'connected' })
      case 'board-full':
        return show({ kind: 'board-full', reason: boardNoticeText(notice) })
      default: {
        const unknown: never = notice
        return unknown
      }
    }
  }
  return () => {
    delete provider.messageHandlers[NOTICE_MESSAGE_TYPE]
  }
}
