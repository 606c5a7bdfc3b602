import type { Instance, Instances } from './instances'
import { type BoardClient, syncedBoardClient } from './yjs-client'

/** Board clients connected through the balancer, as browser tabs behind one address would be. */
export interface BalancedClients {
  all: BoardClient[]
  /** The clients the balancer put on one instance (where their latest connection went). */
  on(instance: Instance): BoardClient[]
  /** The clients whose connection dropped at some point since they connected. */
  dropped(): BoardClient[]
  destroy(): void
}

/** Connects `count` editors one after another through the balancer (leastconn spreads them evenly). */
export async function connectThroughBalancer(
  instances: Instances,
  boardId: string,
  token: string,
  count: number,
): Promise<BalancedClients> {
  const all: BoardClient[] = []
  const dropped = new Set<BoardClient>()
  // y-websocket adds one process 'exit' listener per provider: many clients in one process are expected
  process.setMaxListeners(Math.max(process.getMaxListeners(), count + 10))
  try {
    for (let i = 0; i < count; i++) {
      const client = await syncedBoardClient(instances.url, boardId, token)
      client.provider.on('status', ({ status }) => {
        if (status === 'disconnected') dropped.add(client)
      })
      all.push(client)
    }
  } catch (error) {
    for (const client of all) client.destroy()
    throw error
  }
  return {
    all,
    on: (instance) => all.filter((client) => client.instance() === instance.name),
    dropped: () => all.filter((client) => dropped.has(client)),
    destroy: () => {
      for (const client of all) client.destroy()
    },
  }
}
