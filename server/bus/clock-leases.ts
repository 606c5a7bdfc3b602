import type { Redis } from 'ioredis'
import type { Logger } from '../log'

/**
 * Which instance runs each board's auto-play clock. A lease is only a schedule, not a guarantee:
 * every tick is still a compare-and-set commit, so a holder that lost its lease unknowingly (paused,
 * cut off) cannot apply a step twice.
 */
export interface ClockLeases {
  /** True when this instance holds the board's clock now (taking it if free); kept renewed until `release`. */
  claim(boardId: string): Promise<boolean>
  /** Gives the clock up (auto-play stopped, or the board left this instance). */
  release(boardId: string): Promise<void>
  /** How long a non-holder waits before asking again. */
  readonly retryMs: number
  /** Releases every lease this instance holds (a graceful stop). */
  close(): Promise<void>
}

/** The single-process default: this instance is the only one, so it always holds the clock. */
export class LocalClockLeases implements ClockLeases {
  readonly retryMs = 1000
  async claim(): Promise<boolean> {
    return true
  }
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}

// Take the lease when free, renew it when ours; one round trip, atomic in Redis.
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

const keyOf = (boardId: string) => `lockstep:clock:${boardId}`

/**
 * Leases in Redis (`SET NX PX`, renewed every third of its time). A holder that dies stops
 * renewing, and another instance holding the board takes the clock within `ttlMs` + `retryMs`.
 */
export class RedisClockLeases implements ClockLeases {
  private readonly renewals = new Map<string, NodeJS.Timeout>()
  readonly retryMs: number

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly ttlMs: number,
    private readonly log: Logger,
  ) {
    this.retryMs = Math.max(50, Math.round(ttlMs / 3))
  }

  async claim(boardId: string): Promise<boolean> {
    const held = await this.ask(boardId)
    if (held) this.keepRenewing(boardId)
    else this.stopRenewing(boardId)
    return held
  }

  async release(boardId: string): Promise<void> {
    if (!this.renewals.has(boardId)) return
    this.stopRenewing(boardId)
    await this.redis.eval(RELEASE, 1, keyOf(boardId), this.instanceId).catch(() => {})
  }

  async close(): Promise<void> {
    await Promise.all([...this.renewals.keys()].map((boardId) => this.release(boardId)))
  }

  /** Stops renewing without giving anything up, as a crashed instance would (tests only). */
  abandon(): void {
    for (const boardId of [...this.renewals.keys()]) this.stopRenewing(boardId)
  }

  // An answer that does not come within the lease's own time counts as "not held".
  private async ask(boardId: string): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.ttlMs)
    })
    const answer = this.redis
      .eval(CLAIM, 1, keyOf(boardId), this.instanceId, String(this.ttlMs))
      .then((reply) => reply === 1)
      .catch((error: Error) => {
        this.log.warn('could not reach Redis for the clock lease', { board: boardId, reason: error.message })
        return false
      })
    try {
      return await Promise.race([answer, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private keepRenewing(boardId: string): void {
    if (this.renewals.has(boardId)) return
    const timer = setInterval(() => {
      void this.ask(boardId).then((held) => {
        if (!held) this.stopRenewing(boardId)
      })
    }, this.retryMs)
    timer.unref()
    this.renewals.set(boardId, timer)
  }

  private stopRenewing(boardId: string): void {
    clearInterval(this.renewals.get(boardId))
    this.renewals.delete(boardId)
  }
}
