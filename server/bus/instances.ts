import { randomUUID } from 'node:crypto'
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import type { ServerOptions } from 'socket.io'
import type { Logger } from '../log'
import { type BoardBus, LocalBus } from './board-bus'
import { type ClockLeases, LocalClockLeases, RedisClockLeases } from './clock-leases'
import { RedisBus } from './redis-bus'

/** What connects this instance to the others serving the same boards. */
export interface Instances {
  /** Board updates, presence, session commits, closed links. */
  bus: BoardBus
  /** Who runs each board's auto-play clock. */
  clock: ClockLeases
  /** socket.io rooms across instances; absent alone (socket.io's in-memory default). */
  adapter?: ServerOptions['adapter']
  close(): Promise<void>
}

/** Alone without REDIS_URL; with it, Redis carries the bus, the clock leases and socket.io's rooms. */
export async function connectInstances(
  redisUrl: string | undefined,
  options: { clockLeaseMs: number; log: Logger },
): Promise<Instances> {
  if (!redisUrl) return { bus: new LocalBus(), clock: new LocalClockLeases(), close: async () => {} }
  const bus = await RedisBus.connect(redisUrl, options.log)
  const connection = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true }
  const commands = new Redis(redisUrl, connection)
  const adapterEvents = new Redis(redisUrl, connection)
  for (const client of [commands, adapterEvents]) {
    client.on('error', (error: Error) =>
      options.log.warn('redis connection trouble', { reason: error.message }),
    )
  }
  await Promise.all([commands.connect(), adapterEvents.connect()])
  const clock = new RedisClockLeases(commands, randomUUID(), options.clockLeaseMs, options.log)
  return {
    bus,
    clock,
    adapter: createAdapter(commands, adapterEvents, { key: 'lockstep:io', requestsTimeout: 3_000 }),
    async close() {
      await clock.close()
      await bus.close()
      adapterEvents.disconnect()
      await commands.quit().catch(() => commands.disconnect())
    },
  }
}
