// `npm run dev` server: the API and sockets only; Vite serves the client with hot reload on :5173.
import { configFromEnv } from './config'
import { serveUntilSignalled } from './serve'

const server = await serveUntilSignalled(configFromEnv())
server.log.info('Development server ready; open the client at http://localhost:5173')
