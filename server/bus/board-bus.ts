import { z } from 'zod'
import { roleSchema } from '../../shared/protocol/roles'
import { sessionStateSchema } from '../../shared/session/session-state'

/** What crosses as JSON between instances: checked with zod on receipt like any other boundary. */
export const sessionBusMessageSchema = z.discriminatedUnion('kind', [
  /** A committed session state (stored first) at its storage revision: adopt it if newer. */
  z.object({
    kind: z.literal('session-state'),
    revision: z.number().int().min(0),
    state: sessionStateSchema,
  }),
  /**
   * Someone's presence (name, colour, hand) changed on the sender: read the list again; and lower
   * this participant's hand if they are connected here (a facilitator on the sender asked).
   */
  z.object({ kind: z.literal('participants'), lowerHand: z.string().max(64).optional() }),
  /**
   * The sender could not publish about this board for a while (its own Redis connection was
   * down, while the others' was not): what it stored meanwhile is only in storage, so reload.
   */
  z.object({ kind: z.literal('missed') }),
  /**
   * Links stopped working (replaced, or the board deleted): close the sockets opened with them,
   * Yjs and session alike, but those whose identity was just handed the new link (`keep`).
   */
  z.object({
    kind: z.literal('close-links'),
    roles: z.array(roleSchema).min(1),
    reason: z.enum(['link-replaced', 'board-deleted']),
    keep: z.array(z.string()).default([]),
  }),
  /**
   * Someone was demoted below their link's role on the sender, which replaced that link: each
   * instance hands its own sockets on the old link the new one (the demoted person the link of
   * their new role) and closes the rest. Tokens cross here as they cross to the browsers; Redis is
   * inside the deployment, like the database.
   */
  z.object({
    kind: z.literal('hand-over'),
    linkRole: roleSchema,
    linkToken: z.string(),
    role: roleSchema,
    roleToken: z.string(),
    demotedId: z.string(),
    demotedName: z.string(),
    /** Identities on the old link, on every instance, that keep it (their board sockets stay open). */
    stay: z.array(z.string()),
  }),
])
export type SessionBusMessage = z.infer<typeof sessionBusMessageSchema>

/**
 * What crosses between Lockstep instances serving the same board. Every message was already
 * stored (updates, session states) or is ephemeral (presence), so a lost message costs a resync,
 * never data.
 */
export type BusMessage =
  /** A stored Yjs update, to apply and relay on every other instance holding the board. */
  | { kind: 'doc-update'; update: Uint8Array }
  /** An awareness (presence) update from one of the sender's connections. */
  | { kind: 'awareness'; update: Uint8Array }
  | SessionBusMessage

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
