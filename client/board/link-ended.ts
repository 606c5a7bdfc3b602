import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { SessionLink } from '../session/live-session'
import type { ConnectionState } from './connection-state'

/**
 * Whether this tab's link stopped working while the board was open: the facilitator replaced it
 * (the board refuses it with 4403 or 4401) or the live session refuses its handshake.
 */
export function linkEnded(board: ConnectionState, session: SessionLink): boolean {
  const refusedByBoard =
    board.kind === 'refused' && (board.code === YJS_CLOSE.tokenRevoked || board.code === YJS_CLOSE.badToken)
  return refusedByBoard || session === 'refused'
}
