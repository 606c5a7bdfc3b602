// The classic y-websocket server as its own command would start it (y-websocket@1.5.4 `bin/server`:
// an HTTP server answering "okay" plus the WebSocket endpoint), on PORT: the start-up reference.
const http = require('node:http')
const { WebSocketServer } = require('ws')

delete process.env.YPERSISTENCE
const { setupWSConnection } = require('y-websocket-classic/bin/utils')

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('okay')
})
const wss = new WebSocketServer({ server })
wss.on('connection', setupWSConnection)
process.on('SIGTERM', () => process.exit(0))
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1')
