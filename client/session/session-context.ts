import { createContext, useContext } from 'react'
import type { FollowControls } from '../facilitation/useFollow'
import type { RoomSignals } from '../room/useRoomSignals'
import type { ShortcutRegistry } from '../shortcuts/shortcuts'
import type { LiveSimulation } from '../simulation/useLiveSimulation'
import type { SessionConnection } from './useSessionSocket'

/** The live session as the dock's tabs and the canvas overlay see it. */
export interface LiveSessionState {
  connection: SessionConnection
  simulation: LiveSimulation
  follow: FollowControls
  /** Raised hands, reactions and the summary (client/room). */
  signals: RoomSignals
  /** Where panels offer their actions to the keyboard (client/shortcuts). */
  shortcuts: ShortcutRegistry
}

export const LiveSessionContext = createContext<LiveSessionState | null>(null)

/** The board's live session; only valid inside a board page. */
export function useLiveSession(): LiveSessionState {
  const state = useContext(LiveSessionContext)
  if (!state) throw new Error('useLiveSession must be used inside a board page')
  return state
}
