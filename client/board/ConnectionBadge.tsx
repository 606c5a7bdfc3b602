import { assertNever } from '../../shared/protocol/roles'
import type { ConnectionState } from './connection-state'

function label(state: ConnectionState, canWrite: boolean): string {
  switch (state.kind) {
    case 'connected':
      return 'Connected'
    case 'connecting':
      return 'Connecting…'
    case 'offline':
      return canWrite ? 'Offline — changes kept on this device' : 'Offline — showing the last copy'
    case 'saving-paused':
    case 'board-full':
    case 'refused':
      return state.reason
    default:
      return assertNever(state)
  }
}

/** Whether the board is live with the server (and saving), reconnecting, offline, or refused. */
export function ConnectionBadge({ state, canWrite }: { state: ConnectionState; canWrite: boolean }) {
  const text = label(state, canWrite)
  return (
    <output
      className={`badge connection-badge connection-badge--${state.kind}`}
      data-testid="connection-state"
      data-state={state.kind}
      aria-live="polite"
      title={text}
    >
      <span className="connection-badge__dot" aria-hidden="true" />
      <span className="connection-badge__text">{text}</span>
    </output>
  )
}
