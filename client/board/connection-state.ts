/** What the connection badge shows (data-state of `connection-state`). */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** Connected, but the server cannot store changes right now: it holds them and relays none. */
  | { kind: 'saving-paused'; reason: string }
  /** Connected, but the server refused the last change: the board reached its size limit. */
  | { kind: 'board-full'; reason: string }
  | { kind: 'offline' }
  | { kind: 'refused'; code: number; reason: string }

export type ConnectionKind = ConnectionState['kind']

/** Whether the socket to the server is open and synced (even while saving is paused). */
export function isOnline(state: ConnectionState): boolean {
  return state.kind === 'connected' || state.kind === 'saving-paused' || state.kind === 'board-full'
}
