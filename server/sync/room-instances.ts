import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '../../shared/protocol/roles'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { SessionState } from '../../shared/session/session-state'
import type { BoardBus, BusMessage } from '../bus/board-bus'
import { type Logger, reasonOf } from '../log'
import type { DocumentLog } from '../storage/board-store'

/** Origin of changes another instance stored and sent over the bus: relayed here, not stored again. */
export const BUS_ORIGIN = Symbol('another instance')

/** The side of a loaded board that other instances' messages reach. */
export interface RoomForOtherInstances {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** Closes one role's sockets here but those of the identities in `keep` (handed a new link). */
  disconnectRole(role: Role, code: number, reason: string, keep: Iterable<string>): void
}

export interface OtherInstancesOptions {
  bus: BoardBus
  store: DocumentLog
  log: Logger
  /** Another instance committed the board's session (its editing lock and granted roles may have changed). */
  onRemoteSession?: (boardId: string, state: SessionState) => void
}

/**
 * Applies what the other instances serving a board publish: their stored updates and presence
 * (relayed here with the bus origin, never stored again), closed links and the session. A gap in
 * what was heard (Redis away, a message that builds on one not heard yet) is filled from storage,
 * which has every update before it is published. Returns how to stop listening.
 */
export function listenToOtherInstances(
  room: RoomForOtherInstances,
  options: OtherInstancesOptions,
): () => void {
  const catchUp = () => void catchUpFromStorage(room, options)
  const unsubscribe = options.bus.subscribe(room.boardId, (message) => hear(room, message, options, catchUp))
  const stopGaps = options.bus.onGap(catchUp)
  // an update stored elsewhere between our load and our subscription would otherwise be missed
  catchUp()
  return () => {
    unsubscribe()
    stopGaps()
  }
}

function hear(
  room: RoomForOtherInstances,
  message: BusMessage,
  options: OtherInstancesOptions,
  catchUp: () => void,
): void {
  switch (message.kind) {
    case 'doc-update':
      Y.applyUpdate(room.doc, message.update, BUS_ORIGIN)
      // it builds on something not heard yet (instances publish independently): storage has it
      if (room.doc.store.pendingStructs !== null) catchUp()
      return
    case 'awareness':
      awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, BUS_ORIGIN)
      return
    case 'close-links': {
      const deleted = message.reason === 'board-deleted'
      const code = deleted ? YJS_CLOSE.boardNotFound : YJS_CLOSE.tokenRevoked
      const reason = deleted ? 'board deleted' : 'link replaced'
      for (const role of message.roles) room.disconnectRole(role, code, reason, message.keep)
      return
    }
    case 'hand-over': // the old link is gone but for those handed the new one
      room.disconnectRole(message.linkRole, YJS_CLOSE.tokenRevoked, 'link replaced', message.stay)
      return
    case 'session-state':
      options.onRemoteSession?.(room.boardId, message.state)
      return
    case 'missed': // the sender stored updates it could not publish: storage has them
      catchUp()
      return
    case 'participants':
      return // the session channel's business
    default: {
      const unexpected: never = message
      throw new Error(`unhandled bus message ${JSON.stringify(unexpected)}`)
    }
  }
}

/** Applies whatever storage has that this copy lacks (what other instances stored); relayed, not re-stored. */
async function catchUpFromStorage(
  room: RoomForOtherInstances,
  options: OtherInstancesOptions,
): Promise<void> {
  try {
    const stored = await options.store.loadDocument(room.boardId)
    if (stored) Y.applyUpdate(room.doc, stored, BUS_ORIGIN)
  } catch (error) {
    options.log.warn('could not catch up from storage', { board: room.boardId, reason: reasonOf(error) })
  }
}
