import { fullBucket, type RateRule, type TokenBucket, takeTokens } from '../../shared/limits/token-bucket'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { AwarenessEntry } from './yjs-messages'

/** What one Yjs connection may send. Defaults: see `DEFAULT_SYNC_LIMITS` and README, Limits. */
export interface SyncLimits {
  /** Every frame's bytes, of any kind. */
  inboundBytes: RateRule
  /** Document update messages (sync step 2 and updates). */
  updates: RateRule
  /** Awareness messages that change the connection's own presence. */
  awareness: RateRule
  /** Awareness client ids one connection may speak for (one per tab; a few to spare). */
  awarenessClientsPerConnection: number
  /** Largest awareness state (JSON) one client id may publish. */
  awarenessStateBytes: number
}

const KiB = 1024
const MiB = 1024 * KiB

/**
 * One person's tab draws at up to ~60 updates/s of a few hundred bytes and publishes its cursor at
 * most 25 times a second (`presence-binding.ts`); these leave room for that several times over,
 * while a flood is cut within a second. The byte burst lets two largest messages through at once.
 */
export function defaultSyncLimits(maxMessageBytes: number): SyncLimits {
  return {
    inboundBytes: { perSecond: 1 * MiB, burst: 2 * maxMessageBytes },
    updates: { perSecond: 120, burst: 600 },
    awareness: { perSecond: 30, burst: 60 },
    awarenessClientsPerConnection: 4,
    awarenessStateBytes: 8 * KiB,
  }
}

/** A limit was passed: the socket is closed with this code and reason. */
export interface LimitBreach {
  code: number
  reason: string
}

/** The budgets of one connection, spent as its frames arrive. */
export class ConnectionLimits {
  private bytes: TokenBucket
  private updates: TokenBucket
  private awareness: TokenBucket

  constructor(
    private readonly limits: SyncLimits,
    private readonly now: () => number = Date.now,
  ) {
    const at = now()
    this.bytes = fullBucket(limits.inboundBytes, at)
    this.updates = fullBucket(limits.updates, at)
    this.awareness = fullBucket(limits.awareness, at)
  }

  /** Spends a frame's bytes; a connection sending faster than any tab does is cut off. */
  admitFrame(bytes: number): LimitBreach | null {
    const taken = takeTokens(this.bytes, this.limits.inboundBytes, this.now(), bytes)
    this.bytes = taken.bucket
    return taken.allowed ? null : { code: YJS_CLOSE.tooFast, reason: 'sending too much too fast' }
  }

  /** Spends one document update. */
  admitUpdate(): LimitBreach | null {
    const taken = takeTokens(this.updates, this.limits.updates, this.now(), 1)
    this.updates = taken.bucket
    return taken.allowed ? null : { code: YJS_CLOSE.tooFast, reason: 'too many changes too fast' }
  }

  /**
   * The awareness entries this connection may publish, from those it speaks for: states no larger
   * than the limit, for at most a few client ids, at most so often. The rest are dropped, not relayed.
   */
  admitAwareness(own: AwarenessEntry[], speaksFor: ReadonlySet<number>): AwarenessEntry[] {
    const room = this.limits.awarenessClientsPerConnection
    const known = new Set(speaksFor)
    const admitted = own.filter(({ clientId, state }) => {
      if (state !== null && Buffer.byteLength(JSON.stringify(state)) > this.limits.awarenessStateBytes)
        return false
      if (known.has(clientId) || state === null) return true
      if (known.size >= room) return false
      known.add(clientId)
      return true
    })
    if (admitted.length === 0) return admitted
    const taken = takeTokens(this.awareness, this.limits.awareness, this.now(), 1)
    this.awareness = taken.bucket
    return taken.allowed ? admitted : []
  }
}
