import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { BoardBus, BusMessage } from './board-bus'
import { decodeBusFrame, encodeBusFrame, INSTANCE_ID_BYTES } from './bus-codec'

const channelOf = (boardId: string) => `lockstep:board:${boardId}`

/**
 * Instances talk through Redis pub/sub, one channel per loaded board. Pub/sub keeps nothing, which
 * is enough: updates are in the database before they are published, so a message missed while
 * Redis was away is recovered by reloading from storage when the connection returns (`onGap`).
 */
export class RedisBus implements BoardBus {
  private readonly instanceId = randomBytes(INSTANCE_ID_BYTES)
  private readonly listeners = new Map<string, Set<(message: BusMessage) => void>>()
  private readonly gapListeners = new Set<() => void>()
  /** Boards with a message this instance could not publish (its publisher was down). */
  private readonly unpublished = new Set<string>()
  /** Connected before: a later 'ready' is a reconnection, after which messages may be missing. */
  private wasReady: boolean

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly log: Logger,
  ) {
    this.wasReady = subscriber.status === 'ready'
    subscriber.on('messageBuffer', (channel: Buffer, frame: Buffer) =>
      this.deliver(channel.toString(), frame),
    )
    subscriber.on('ready', () => {
      // ioredis re-subscribes by itself; what was published meanwhile is gone, so holders resync
      if (this.wasReady) for (const listener of this.gapListeners) listener()
      this.wasReady = true
    })
    publisher.on('ready', () => this.announceMissed())
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: Error) => log.warn('redis connection trouble', { reason: error.message }))
    }
  }

  static async connect(url: string, log: Logger): Promise<RedisBus> {
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true }
    const publisher = new Redis(url, options)
    const subscriber = new Redis(url, options)
    await Promise.all([publisher.connect(), subscriber.connect()])
    return new RedisBus(publisher, subscriber, log)
  }

  publish(boardId: string, message: BusMessage): void {
    // While Redis is away nothing is queued: when it returns, every board we could not publish
    // about is announced as `missed`, and its holders reload it from storage.
    if (this.publisher.status !== 'ready') {
      this.unpublished.add(boardId)
      return
    }
    this.publisher
      .publish(channelOf(boardId), encodeBusFrame(this.instanceId, message))
      .catch((error: Error) => {
        this.unpublished.add(boardId)
        this.log.warn('could not publish to the other instances', { board: boardId, reason: error.message })
      })
  }

  /** The publisher is back: tell the others about every board whose messages did not go out. */
  private announceMissed(): void {
    const boards = [...this.unpublished]
    this.unpublished.clear()
    for (const boardId of boards) this.publish(boardId, { kind: 'missed' })
  }

  subscribe(boardId: string, listener: (message: BusMessage) => void): () => void {
    let set = this.listeners.get(boardId)
    if (!set) {
      set = new Set()
      this.listeners.set(boardId, set)
      void this.subscriber.subscribe(channelOf(boardId)).catch(() => {})
    }
    set.add(listener)
    return () => {
      const current = this.listeners.get(boardId)
      current?.delete(listener)
      if (current && current.size === 0) {
        this.listeners.delete(boardId)
        void this.subscriber.unsubscribe(channelOf(boardId)).catch(() => {})
      }
    }
  }

  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener)
    return () => this.gapListeners.delete(listener)
  }

  private deliver(channel: string, frame: Buffer): void {
    const decoded = decodeBusFrame(frame)
    if (!decoded || decoded.sender.equals(this.instanceId)) return
    const boardId = channel.slice('lockstep:board:'.length)
    for (const listener of this.listeners.get(boardId) ?? []) listener(decoded.message)
  }

  async close(): Promise<void> {
    this.subscriber.disconnect()
    await this.publisher.quit().catch(() => this.publisher.disconnect())
  }
}
