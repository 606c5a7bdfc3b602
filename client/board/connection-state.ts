/** What the connection badge shows (data-state of `connection-state`). */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'offline' }
  | { kind: 'refused'; code: number; reason: string }

export type ConnectionKind = ConnectionState['kind']
