/**
 * What crosses between Lockstep instances serving the same board. Every message was already
 * stored (updates) or is ephemeral (presence), so a lost message costs a resync, never data.
 */
export type BusMessage =
  /** A stored Yjs update, to apply and relay on every other instance holding the board. */
  | { kind: 'doc-update'; update: Uint8Array }
  /** An awareness (presence) update from one of the sender's connections. */
  | { kind: 'awareness'; update: Uint8Array }

export interface BoardBus {
  /** Tells the other instances holding `boardId`; never delivered back to this instance. */
  publish(boardId: string, message: BusMessage): void
  /** Hears the other instances about one board, until the returned function is called. */
  subscribe(boardId: string, listener: (message: BusMessage) => void): () => void
  /**
   * Called when messages may have been missed (the connection to the other instances dropped and
   * came back): holders reload what storage has, so everyone converges without a reload.
   */
  onGap(listener: () => void): () => void
  close(): Promise<void>
}

/** The single-process default: there are no other instances, so nothing crosses. */
export class LocalBus implements BoardBus {
  publish(): void {}
  subscribe(): () => void {
    return () => {}
  }
  onGap(): () => void {
    return () => {}
  }
  async close(): Promise<void> {}
}
