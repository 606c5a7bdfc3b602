/**
 * The reference for the live session: a bare socket.io server on an ephemeral localhost port. A
 * client joins the room named by its handshake `auth.boardId` (no token check, no storage) and
 * gets the room's last state; a `bench:rebroadcast` is acked and sent to the whole room as
 * `session:state`, unchanged. Speaks the IPC control protocol of `control.ts`; exits when the
 * bench goes away.
 */
import http from 'node:http'
import { Server } from 'socket.io'
import { answerProcessRequest, type ControlReply, controlRequestSchema, REBROADCAST_EVENT } from './control'

const httpServer = http.createServer((_req, res) => {
  res.writeHead(404).end()
})
const io = new Server(httpServer, { serveClient: false })
/** Each room's last state, so a newcomer starts from it as it would on ours. */
const lastState = new Map<string, unknown>()

io.on('connection', (socket) => {
  const auth: unknown = socket.handshake.auth
  const boardId =
    typeof auth === 'object' && auth !== null && 'boardId' in auth ? String(auth.boardId) : 'default'
  void socket.join(boardId)
  socket.on(REBROADCAST_EVENT, (state: unknown, ack?: unknown) => {
    lastState.set(boardId, state)
    if (typeof ack === 'function') ack({ ok: true })
    io.to(boardId).emit('session:state', state)
  })
  socket.on('disconnect', () => {
    if ((io.sockets.adapter.rooms.get(boardId)?.size ?? 0) === 0) lastState.delete(boardId)
  })
  socket.emit('session:state', lastState.get(boardId) ?? { seq: 0 })
})

const reply = (message: ControlReply) => process.send?.(message)

process.on('message', (raw: unknown) => {
  const parsed = controlRequestSchema.safeParse(raw)
  if (!parsed.success) return
  const request = parsed.data
  switch (request.type) {
    case 'memory':
    case 'cpu':
      return reply(answerProcessRequest(request))
    default:
      return reply({ id: request.id, type: 'error', message: `${request.type} is not supported here` })
  }
})

let stopping = false
function stop(): void {
  if (stopping) return
  stopping = true
  io.close() // disconnects every socket and closes the HTTP server
  process.exit(0)
}
process.on('disconnect', stop)
process.on('SIGTERM', stop)

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address()
  if (address && typeof address === 'object') reply({ type: 'ready', port: address.port })
})
