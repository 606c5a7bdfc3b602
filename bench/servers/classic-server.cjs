/**
 * The reference: the classic y-websocket server (y-websocket@1.5.4 `bin/utils`), in memory only
 * (YPERSISTENCE unset), on an ephemeral port, speaking the same IPC control protocol as ours.
 */
const http = require('node:http')
const { WebSocketServer } = require('ws')

delete process.env.YPERSISTENCE
const { setupWSConnection, docs } = require('y-websocket-classic/bin/utils')

const RECORDS_MAP = 'tldraw'
const PREFIX = '/yjs/'

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('okay')
})
const wss = new WebSocketServer({ noServer: true })

server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (!url.pathname.startsWith(PREFIX)) return socket.destroy()
  const docName = decodeURIComponent(url.pathname.slice(PREFIX.length))
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName }))
})

/** Answers one control request (see control.ts). */
function answer(request) {
  switch (request.type) {
    case 'memory': {
      globalThis.gc?.()
      globalThis.gc?.()
      const { rss, heapUsed } = process.memoryUsage()
      return { id: request.id, type: 'memory', rss, heapUsed }
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage()
      return { id: request.id, type: 'cpu', micros: user + system }
    }
    case 'record-count': {
      const doc = docs.get(request.docName)
      return { id: request.id, type: 'record-count', count: doc ? doc.getMap(RECORDS_MAP).size : 0 }
    }
    case 'unload':
      return { id: request.id, type: 'unload', supported: false }
    default:
      return { id: request.id, type: 'error', message: `unknown request ${request.type}` }
  }
}

process.on('message', (request) => process.send?.(answer(request)))

function stop() {
  for (const ws of wss.clients) ws.terminate()
  server.close()
  process.exit(0)
}
process.on('disconnect', stop)
process.on('SIGTERM', stop)

server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: server.address().port }))
