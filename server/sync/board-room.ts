import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type BoardNotice, encodeBoardNotice } from '../../shared/protocol/board-notices'
import type { Role } from '../../shared/protocol/roles'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { SessionState } from '../../shared/session/session-state'
import type { BoardBus } from '../bus/board-bus'
import { type Logger, reasonOf } from '../log'
import type { DocumentLog } from '../storage/board-store'
import type { CompactionTiming } from './compaction-schedule'
import { ConnectionLimits, defaultSyncLimits, type LimitBreach, type SyncLimits } from './connection-limits'
import { BUS_ORIGIN, listenToOtherInstances } from './room-instances'
import { RoomLog, type Unstored } from './room-log'
import type { RetryBackoff } from './saving-pause'
import type { UpdateVerdict } from './update-guard'
import {
  type ClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeDocUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  MalformedMessage,
  parseClientMessage,
} from './yjs-messages'

/** One WebSocket on a board, with what it may do and which awareness clients it speaks for. */
export interface RoomConnection {
  socket: WebSocket
  /** The role of the link the socket connected with. */
  role: Role
  /** The participant's identity id, when the socket presented an identity signed for its link. */
  identityId: string | undefined
  /** Awareness client ids this connection introduced; it may not speak for anyone else's. */
  awarenessClients: Set<number>
  /** What it may still send (rates, sizes, presence ids). */
  limits: ConnectionLimits
}

export interface RoomOptions {
  store: DocumentLog
  log: Logger
  /** When the update log is folded into one snapshot. */
  compaction: CompactionTiming
  /** Whether a connection may change the board right now (its role, and the editing lock). */
  mayEdit: (boardId: string, connection: RoomConnection) => boolean
  /** Told after each change is stored (e.g. to keep automatic versions while a board changes). */
  onStored?: (boardId: string) => void
  /** Judges a client's update before it touches the document (content rules); absent: all accepted. */
  checkUpdate?: (doc: Y.Doc, update: Uint8Array) => UpdateVerdict
  /** What one connection may send; defaults to `defaultSyncLimits` of a 4 MiB message. */
  limits?: SyncLimits
  /** Bytes the board may take in storage; changes beyond are refused. No quota when absent. */
  quotaBytes?: number
  /** Waits between attempts while storage is busy. */
  retryBackoff?: RetryBackoff
  /** The other instances serving this board (absent: this is the only one). */
  bus?: BoardBus
  /** Another instance committed the board's session (its editing lock and granted roles may have changed). */
  onRemoteSession?: (boardId: string, state: SessionState) => void
}

/**
 * Origin of changes the server makes to a live document itself (restoring a version): stored and
 * relayed to every connection, since no connection sent it.
 */
export const SERVER_ORIGIN = Symbol('lockstep server')

/**
 * A loaded board: its Yjs document, awareness and connections. Lifecycle: `load` (from storage,
 * before any sync is answered) → `join`/`receive`/`leave` → `close` (flush, compact, destroy).
 * Every accepted update is appended to storage before it is relayed to anyone.
 */
export class BoardRoom {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  private readonly connections = new Map<WebSocket, RoomConnection>()
  /** Connections asked to re-send what their update built on; asked once until one is accepted. */
  private readonly askedToResend = new WeakSet<RoomConnection>()
  /** Connections whose change was refused: they must start over, so nothing more of theirs is read. */
  private readonly refused = new WeakSet<RoomConnection>()
  /** Every change is stored here before it is relayed. */
  private readonly storage: RoomLog
  private stopListening: () => void = () => {}

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null) // the server itself has no presence
    this.storage = new RoomLog(boardId, options, () => Y.encodeStateAsUpdate(this.doc), {
      stored: (batch, merged) => {
        this.relayStored(batch, merged)
        this.options.onStored?.(this.boardId)
      },
      notice: (notice) => this.tellEveryone(notice),
      failed: () => this.closeAfterStorageFailure(),
      quotaFreed: () => this.resync(),
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persistThenRelay(update, origin))
    this.awareness.on('update', this.relayAwareness)
  }

  /** Loads a board's document from storage; the room answers no sync request before this resolves. */
  static async load(boardId: string, options: RoomOptions): Promise<BoardRoom> {
    const room = new BoardRoom(boardId, options)
    const stored = await options.store.loadDocument(boardId)
    if (stored) Y.applyUpdate(room.doc, stored, room) // origin = room: not appended again
    await room.storage.open()
    const bus = options.bus
    if (bus) room.stopListening = listenToOtherInstances(room, { ...options, bus })
    return room
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Adds a connection and opens the sync handshake (our step 1, and who is here). */
  join(socket: WebSocket, role: Role, identityId?: string): RoomConnection {
    const limits = new ConnectionLimits(this.options.limits ?? defaultSyncLimits(4 * 1024 * 1024))
    const connection: RoomConnection = { socket, role, identityId, awarenessClients: new Set(), limits }
    this.connections.set(socket, connection)
    send(socket, encodeSyncStep1(this.doc))
    if (this.storage.savingPaused) send(socket, encodeBoardNotice({ kind: 'saving-paused' }))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) send(socket, encodeAwareness(this.awareness, present))
    return connection
  }

  /** Handles one frame from a connection; a malformed frame closes that socket only. */
  receive(connection: RoomConnection, frame: Uint8Array): void {
    const breach = connection.limits.admitFrame(frame.length)
    if (breach) {
      this.cutOff(connection, breach)
      return
    }
    let message: ClientMessage
    try {
      message = parseClientMessage(frame)
    } catch (error) {
      if (!(error instanceof MalformedMessage)) throw error
      this.options.log.warn('malformed frame, closing socket', { board: this.boardId, reason: error.message })
      connection.socket.close(YJS_CLOSE.malformedMessage, 'malformed message')
      return
    }
    this.handle(connection, message)
  }

  private handle(connection: RoomConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        // Answered once what is applied so far is stored: nobody is sent what storage lacks.
        this.storage.afterStored(() =>
          send(connection.socket, encodeSyncStep2(this.doc, message.stateVector)),
        )
        return
      case 'doc-update':
        this.receiveUpdate(connection, message.update)
        return
      case 'awareness':
        this.applyAwareness(connection, message)
        return
      case 'query-awareness':
        send(connection.socket, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
        return
      case 'auth':
        return // authentication happens in the handshake, not in-band
      default: {
        const unexpected: never = message
        throw new Error(`unhandled message ${JSON.stringify(unexpected)}`)
      }
    }
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): void {
    const breach = connection.limits.admitUpdate()
    if (breach) {
      this.cutOff(connection, breach)
      return
    }
    // A viewer's (or locked editor's) changes are dropped here: never applied, stored or relayed.
    if (!this.options.mayEdit(this.boardId, connection)) return
    if (!this.storage.admits(update.length)) {
      this.refuseForQuota(connection)
      return
    }
    this.applyClientUpdate(connection, update)
  }

  private applyClientUpdate(connection: RoomConnection, update: Uint8Array): void {
    if (this.refused.has(connection) || !this.mayApply(connection, update)) return
    try {
      Y.applyUpdate(this.doc, update, connection)
      this.dropPending()
    } catch (error) {
      this.options.log.warn('update could not be applied, closing socket', {
        board: this.boardId,
        reason: reasonOf(error),
      })
      connection.socket.close(YJS_CLOSE.malformedMessage, 'update could not be applied')
    }
  }

  /**
   * Content rules, before anything is applied: a refused change closes its socket with the reason
   * (the client discards its copy and syncs afresh); a change that builds on something we lack is
   * not applied (it would wait inside Yjs, unchecked) and the client is asked for all of it.
   */
  private mayApply(connection: RoomConnection, update: Uint8Array): boolean {
    const verdict = this.options.checkUpdate?.(this.doc, update) ?? { kind: 'accept' }
    switch (verdict.kind) {
      case 'accept':
        this.askedToResend.delete(connection)
        return true
      case 'missing':
        if (!this.askedToResend.has(connection)) send(connection.socket, encodeSyncStep1(this.doc))
        this.askedToResend.add(connection)
        return false
      case 'refuse':
        this.refused.add(connection)
        this.options.log.warn('refused a change', { board: this.boardId, ...verdict.problem })
        connection.socket.close(YJS_CLOSE.changeRefused, closeReason(verdict.problem.message))
        return false
      default: {
        const unexpected: never = verdict
        throw new Error(`unhandled verdict ${JSON.stringify(unexpected)}`)
      }
    }
  }

  // Checked updates never leave anything pending; should one, it is dropped rather than applied unchecked later.
  private dropPending(): void {
    if (this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null) return
    this.options.log.warn('dropped pending structs after a checked update', { board: this.boardId })
    this.doc.store.pendingStructs = null
    this.doc.store.pendingDs = null
  }

  // Clients re-broadcast every awareness change they see, including other people's; we keep only
  // the entries a connection speaks for itself, so nobody can move or erase someone else's cursor.
  private applyAwareness(
    connection: RoomConnection,
    message: Extract<ClientMessage, { type: 'awareness' }>,
  ): void {
    const own = message.clients.filter(({ clientId }) => {
      const owner = this.ownerOf(clientId)
      return owner === undefined || owner === connection
    })
    const admitted = connection.limits.admitAwareness(own, connection.awarenessClients)
    if (admitted.length === 0) return
    for (const { clientId, state } of admitted) {
      if (state === null) connection.awarenessClients.delete(clientId)
      else connection.awarenessClients.add(clientId)
    }
    const update =
      admitted.length === message.clients.length ? message.update : encodeAwarenessEntries(admitted)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
  }

  private ownerOf(clientId: number): RoomConnection | undefined {
    for (const connection of this.connections.values()) {
      if (connection.awarenessClients.has(clientId)) return connection
    }
    return undefined
  }

  /** Removes a connection and its presence; returns how many remain. */
  leave(socket: WebSocket): number {
    const connection = this.connections.get(socket)
    if (!connection) return this.connections.size
    this.connections.delete(socket)
    const gone = [...connection.awarenessClients]
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, null)
    return this.connections.size
  }

  /**
   * Asks every connection what the server lacks (a fresh sync step 1). After editing is unlocked,
   * editors answer with the changes that were dropped while it was locked; without them Yjs would
   * hold back their later updates forever, since those build on the dropped ones.
   */
  resync(): void {
    const frame = encodeSyncStep1(this.doc)
    for (const connection of this.connections.values()) send(connection.socket, frame)
  }

  /** Closes every socket held by one role (a replaced link), but those of the identities in `keep` (handed the new link). */
  disconnectRole(role: Role, code: number, reason: string, keep: Iterable<string> = []): void {
    const spared = new Set(keep)
    for (const connection of this.connections.values()) {
      if (connection.role !== role) continue
      if (connection.identityId !== undefined && spared.has(connection.identityId)) continue
      connection.socket.close(code, reason)
    }
  }

  /** Closes every socket on the board with one code (e.g. 4404 when the board is deleted). */
  disconnectAll(code: number, reason: string): void {
    for (const connection of this.connections.values()) connection.socket.close(code, reason)
  }

  private persistThenRelay(update: Uint8Array, origin: unknown): void {
    if (origin === this) return // loaded from storage
    if (origin === BUS_ORIGIN) {
      // stored by the instance it came from: relay to our connections only
      const frame = encodeDocUpdate(update)
      for (const connection of this.connections.values()) send(connection.socket, frame)
      return
    }
    this.storage.append(update, origin)
  }

  /**
   * Passes a stored batch on: to the other instances as stored, and here as one message of the
   * merged update to everyone who sent none of it (a burst from one author costs each peer one
   * message, not one per keystroke); a sender gets one message of everyone else's, never its own.
   */
  private relayStored(batch: readonly Unstored[], merged: Uint8Array): void {
    this.options.bus?.publish(this.boardId, { kind: 'doc-update', update: merged })
    const senders = new Set(batch.map(({ origin }) => origin))
    const whole = encodeDocUpdate(merged)
    for (const connection of this.connections.values()) {
      if (!senders.has(connection)) send(connection.socket, whole)
    }
    if (senders.size < 2) return // a lone sender has nothing of anyone else's here
    for (const connection of this.connections.values()) {
      if (!senders.has(connection)) continue
      const others = batch.filter(({ origin }) => origin !== connection).map(({ update }) => update)
      const [only] = others
      if (only) send(connection.socket, encodeDocUpdate(others.length === 1 ? only : Y.mergeUpdates(others)))
    }
  }

  private tellEveryone(notice: BoardNotice): void {
    const frame = encodeBoardNotice(notice)
    for (const connection of this.connections.values()) send(connection.socket, frame)
  }

  // The change is dropped (as a viewer's is); its sender and the facilitators are told why. Folding
  // the log may free room, and then everyone is asked again for what was dropped.
  private refuseForQuota(sender: RoomConnection): void {
    const frame = encodeBoardNotice({ kind: 'board-full', quotaBytes: this.storage.quotaBytes })
    for (const connection of this.connections.values()) {
      if (connection === sender || connection.role === 'facilitator') send(connection.socket, frame)
    }
    this.storage.makeRoom()
  }

  /** A connection passed a limit: it is closed with a code its client shows in words. */
  private cutOff(connection: RoomConnection, breach: LimitBreach): void {
    this.options.log.warn('connection passed a limit, closing it', {
      board: this.boardId,
      reason: breach.reason,
    })
    connection.socket.close(breach.code, breach.reason)
  }

  private readonly relayAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (changed.length === 0) return
    const frame = encodeAwareness(this.awareness, changed)
    for (const connection of this.connections.values()) {
      if (connection !== origin) send(connection.socket, frame)
    }
    if (origin === BUS_ORIGIN || !this.options.bus) return
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    this.options.bus.publish(this.boardId, { kind: 'awareness', update })
  }

  // Storage refused an update: nothing was relayed, and we drop every connection so clients
  // reconnect to a freshly loaded room and re-send what the store lacks (their copy still has it).
  private closeAfterStorageFailure(): void {
    for (const connection of this.connections.values()) connection.socket.close(1011, 'storage failure')
  }

  get hasFailed(): boolean {
    return this.storage.hasFailed
  }

  /** Resolves once every accepted update is in storage. */
  flush(): Promise<void> {
    return this.storage.flush()
  }

  /** Flushes, folds the log into one snapshot and frees the document. Never throws. */
  async close(): Promise<void> {
    for (const connection of this.connections.values()) {
      connection.socket.close(YJS_CLOSE.serverShuttingDown, 'board closing')
    }
    this.connections.clear()
    this.stopListening()
    await this.storage.close()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/** A close reason fits in 123 bytes of UTF-8. */
function closeReason(message: string): string {
  let reason = message
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return reason
}

function send(socket: WebSocket, frame: Uint8Array): void {
  if (socket.readyState !== socket.OPEN) return
  socket.send(frame, (error) => {
    if (error) socket.terminate()
  })
}
