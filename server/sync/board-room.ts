import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '../../shared/protocol/roles'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { Logger } from '../log'
import type { BoardStore } from '../storage/board-store'
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
}

export interface RoomOptions {
  store: BoardStore
  log: Logger
  compactEveryUpdates: number
  /** Whether a connection may change the board right now (its role, and the editing lock). */
  mayEdit: (boardId: string, connection: RoomConnection) => boolean
  /** Told after each change is stored (e.g. to keep automatic versions while a board changes). */
  onStored?: (boardId: string) => void
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
  private persistence: Promise<void> = Promise.resolve()
  private updatesSinceCompaction = 0
  private failed = false

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null) // the server itself has no presence
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persistThenRelay(update, origin))
    this.awareness.on('update', this.relayAwareness)
  }

  /** Loads a board's document from storage; the room answers no sync request before this resolves. */
  static async load(boardId: string, options: RoomOptions): Promise<BoardRoom> {
    const room = new BoardRoom(boardId, options)
    const stored = await options.store.loadDocument(boardId)
    if (stored) Y.applyUpdate(room.doc, stored, room) // origin = room: not appended again
    room.updatesSinceCompaction = await options.store.countUpdates(boardId)
    return room
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** Adds a connection and opens the sync handshake (our step 1, and who is here). */
  join(socket: WebSocket, role: Role, identityId?: string): RoomConnection {
    const connection: RoomConnection = { socket, role, identityId, awarenessClients: new Set() }
    this.connections.set(socket, connection)
    send(socket, encodeSyncStep1(this.doc))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) send(socket, encodeAwareness(this.awareness, present))
    return connection
  }

  /** Handles one frame from a connection; a malformed frame closes that socket only. */
  receive(connection: RoomConnection, frame: Uint8Array): void {
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
        send(connection.socket, encodeSyncStep2(this.doc, message.stateVector))
        return
      case 'doc-update':
        // A viewer's (or locked editor's) changes are dropped here: never applied, stored or relayed.
        if (!this.options.mayEdit(this.boardId, connection)) return
        this.applyClientUpdate(connection, message.update)
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

  private applyClientUpdate(connection: RoomConnection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, connection)
    } catch (error) {
      this.options.log.warn('update could not be applied, closing socket', {
        board: this.boardId,
        reason: error instanceof Error ? error.message : 'unknown',
      })
      connection.socket.close(YJS_CLOSE.malformedMessage, 'update could not be applied')
    }
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
    if (own.length === 0) return
    for (const { clientId, state } of own) {
      if (state === null) connection.awarenessClients.delete(clientId)
      else connection.awarenessClients.add(clientId)
    }
    const update = own.length === message.clients.length ? message.update : encodeAwarenessEntries(own)
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

  /** Closes every socket held by one role (a replaced link), but those `keep` spares (handed the new link). */
  disconnectRole(
    role: Role,
    code: number,
    reason: string,
    keep?: (connection: RoomConnection) => boolean,
  ): void {
    for (const connection of this.connections.values()) {
      if (connection.role === role && !keep?.(connection)) connection.socket.close(code, reason)
    }
  }

  /** Closes every socket on the board with one code (e.g. 4404 when the board is deleted). */
  disconnectAll(code: number, reason: string): void {
    for (const connection of this.connections.values()) connection.socket.close(code, reason)
  }

  private persistThenRelay(update: Uint8Array, origin: unknown): void {
    if (origin === this) return // loaded from storage
    this.persistence = this.persistence.then(async () => {
      if (this.failed) return
      try {
        await this.options.store.appendUpdate(this.boardId, update)
      } catch (error) {
        this.fail(error)
        return
      }
      const frame = encodeDocUpdate(update)
      for (const connection of this.connections.values()) {
        if (connection !== origin) send(connection.socket, frame)
      }
      this.options.onStored?.(this.boardId)
      this.updatesSinceCompaction++
      if (this.updatesSinceCompaction < this.options.compactEveryUpdates) return
      try {
        await this.compact()
      } catch (error) {
        this.fail(error) // a rejected chain would stop every later update from being stored
      }
    })
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
  }

  // Storage refused an update: nothing was relayed, and we drop every connection so clients
  // reconnect to a freshly loaded room and re-send what the store lacks (their copy still has it).
  private fail(error: unknown): void {
    this.failed = true
    this.options.log.error('could not store an update; closing the board', {
      board: this.boardId,
      reason: error instanceof Error ? error.message : 'unknown',
    })
    for (const connection of this.connections.values()) connection.socket.close(1011, 'storage failure')
  }

  get hasFailed(): boolean {
    return this.failed
  }

  private async compact(): Promise<void> {
    await this.options.store.compact(this.boardId, Y.encodeStateAsUpdate(this.doc))
    this.updatesSinceCompaction = 0
  }

  /** Resolves once every accepted update is in storage. */
  flush(): Promise<void> {
    return this.persistence
  }

  /** Flushes, folds the log into one snapshot and frees the document. Never throws. */
  async close(): Promise<void> {
    for (const connection of this.connections.values()) {
      connection.socket.close(YJS_CLOSE.serverShuttingDown, 'board closing')
    }
    this.connections.clear()
    await this.flush()
    try {
      if (!this.failed && this.updatesSinceCompaction > 0) await this.compact()
    } catch (error) {
      // e.g. the board was deleted meanwhile: there is nothing left to keep
      this.options.log.warn('could not compact a closing board', {
        board: this.boardId,
        reason: error instanceof Error ? error.message : 'unknown',
      })
    }
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function send(socket: WebSocket, frame: Uint8Array): void {
  if (socket.readyState !== socket.OPEN) return
  socket.send(frame, (error) => {
    if (error) socket.terminate()
  })
}
