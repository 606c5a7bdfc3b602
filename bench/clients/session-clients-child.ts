/**
 * A child process of the benchmark holding some of a board's participants, so their socket.io
 * clients get an event loop of their own. Driven over IPC (see `ForkedClientGroup` in
 * bench/lib/session-clients.ts): `join` once, then it reports each seq as its last client reaches
 * it, on the shared monotonic clock. Closes its sockets and exits when the bench goes away.
 */
import { type FromChild, LocalClientGroup, toChildSchema } from '../lib/session-clients'

let group: LocalClientGroup | undefined
let stopping = false

const send = (message: FromChild) => {
  if (process.connected) process.send?.(message)
}

process.on('message', (raw: unknown) => {
  const parsed = toChildSchema.safeParse(raw)
  if (!parsed.success) return
  const message = parsed.data
  switch (message.type) {
    case 'join':
      if (group) return send({ type: 'failed', message: 'already joined' })
      LocalClientGroup.join(message, message.count).then(
        (joined) => {
          group = joined
          if (stopping) return void joined.close()
          joined.onComplete = (seq, at) => send({ type: 'reached', seq, at })
          send({ type: 'joined' })
        },
        (error: unknown) =>
          send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      )
      return
    case 'quiet':
      return void group?.quiet(message.quietMs, message.timeoutMs).then(() => send({ type: 'quiet' }))
    case 'loop-start':
      return void group?.startLoopMeter().then(() => send({ type: 'loop-started' }))
    case 'loop-read':
      return void group?.loopBusy().then((busy) => send({ type: 'loop', ...busy }))
  }
})

process.on('disconnect', () => {
  stopping = true
  void (group?.close() ?? Promise.resolve()).finally(() => process.exit(0))
})
