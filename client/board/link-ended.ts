import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { ConnectionState } from './connection-state'

/**
 * Whether this tab's link stopped working while the board was open: the facilitator replaced it,
 * so the board refuses it (4403, or 4401 once the old token is unknown). A deleted board (4404)
 * and a refused change are other stories, told by the connection badge.
 */
export function linkEnded(board: ConnectionState): boolean {
  return (
    board.kind === 'refused' && (board.code === YJS_CLOSE.tokenRevoked || board.code === YJS_CLOSE.badToken)
  )
}
