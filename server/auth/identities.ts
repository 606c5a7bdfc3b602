import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Role } from '../../shared/protocol/roles'
import { identitySchema } from '../../shared/protocol/session'
import type { BoardStore } from '../storage/board-store'
import { randomId } from './capabilities'

/** The link an identity is issued under: replacing that link (a new token hash) voids the identity. */
export interface IdentityLink {
  boardId: string
  role: Role
  tokenHash: string
}

const SECRET_NAME = 'identity-signing-key'

/**
 * Participant identities: the server, not the browser, decides who is who on a board. An identity
 * is `<id>.<signature>`, the signature an HMAC-SHA256 (server secret) over the board, the link's
 * role and token hash, and the id; granted roles and votes are keyed by the id, which only counts
 * when its signature fits the link it is presented with.
 */
export class Identities {
  private constructor(private readonly secret: Buffer) {}

  /** Uses the deployment's signing key, kept in the store so every instance signs alike. */
  static async fromStore(store: BoardStore): Promise<Identities> {
    const secret = await store.serverSecret(SECRET_NAME, () => randomBytes(32).toString('base64url'))
    return new Identities(Buffer.from(secret, 'base64url'))
  }

  /** Signs a fresh identity for this link, or re-signs an existing id under it (a replaced link). */
  issue(link: IdentityLink, id: string = randomId()): string {
    return `${id}.${this.sign(link, id)}`
  }

  /** The id of an identity signed for exactly this link, or null (forged, foreign, or from a replaced link). */
  verify(link: IdentityLink, identity: string | undefined): string | null {
    if (!identity || !identitySchema.safeParse(identity).success) return null
    const [id = '', signature = ''] = identity.split('.')
    const expected = Buffer.from(this.sign(link, id), 'base64url')
    const given = Buffer.from(signature, 'base64url')
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
  }

  /**
   * The key an anonymous question files a voter's ballot under: one-way (HMAC with the server
   * secret) and different for every question, so the stored state never holds who voted, yet the
   * same person still has one ballot they can change.
   */
  ballotKey(boardId: string, questionId: string, id: string): string {
    return createHmac('sha256', this.secret)
      .update(['lockstep anonymous ballot v1', boardId, questionId, id].join('\n'))
      .digest('base64url')
  }

  private sign(link: IdentityLink, id: string): string {
    return createHmac('sha256', this.secret)
      .update(['lockstep identity v1', link.boardId, link.role, link.tokenHash, id].join('\n'))
      .digest('base64url')
  }
}
