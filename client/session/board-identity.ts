import { type Identity, identitySchema } from '../../shared/protocol/session'

const keyFor = (boardId: string) => `lockstep:identity:${boardId}`

/**
 * The identity the server issued this browser on a board, kept so a reload or a lost network
 * finds the same person (their vote, a role the facilitator granted). Null before the first visit
 * or without storage; the server then issues a fresh one.
 */
export function loadIdentity(boardId: string): Identity | null {
  try {
    const stored = identitySchema.safeParse(window.localStorage.getItem(keyFor(boardId)))
    return stored.success ? stored.data : null
  } catch {
    return null // storage disabled: a fresh identity each visit
  }
}

/** Keeps the identity the server issued for this board. */
export function saveIdentity(boardId: string, identity: Identity): void {
  try {
    window.localStorage.setItem(keyFor(boardId), identity)
  } catch {
    // the identity still holds for this visit
  }
}
