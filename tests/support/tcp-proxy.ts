import net from 'node:net'

/**
 * A TCP relay to a real service (PostgreSQL, Redis) that a test can cut and restore, so the
 * service seems to vanish for the server under test without stopping it for everyone else.
 */
export interface TcpProxy {
  port: number
  /** Drops every open connection; new ones are closed at once until `restore`. */
  cut(): void
  /**
   * Stops passing bytes either way while every connection stays open, as a host that lost its
   * route or its power looks from here (no reset, no close); `restore` lets them flow again.
   */
  stall(): void
  restore(): void
  close(): Promise<void>
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>()
  let cut = false
  let stalled = false
  /** Passes `from`'s bytes to `to`, holding them while stalled (and while `to` is full). */
  const relay = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!to.write(chunk) || stalled) from.pause()
    })
    to.on('drain', () => {
      if (!stalled) from.resume()
    })
  }
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy()
      return
    }
    const upstream = net.connect(targetPort, targetHost)
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      socket.on('error', () => {})
    }
    if (stalled) {
      client.pause()
      upstream.pause()
    }
    relay(client, upstream)
    relay(upstream, client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    port: address.port,
    cut() {
      cut = true
      for (const socket of open) socket.destroy()
    },
    stall() {
      stalled = true
      for (const socket of open) socket.pause()
    },
    restore() {
      cut = false
      stalled = false
      for (const socket of open) socket.resume()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
