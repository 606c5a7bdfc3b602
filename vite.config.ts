import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './scripts/precompress'

const serverPort = Number(process.env.PORT ?? 3000)
const serverUrl = `http://localhost:${serverPort}`

// The client lives in client/; its build is served by the Node server from dist/client.
export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  // the manifest says which chunks each page loads (bench/delivery.ts, the e2e delivery test)
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 4000, manifest: true },
  // @tldraw/assets imports its fonts, icons and translations with `?url`, which only Vite's own
  // pipeline understands; the dev pre-bundler cannot load them.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    port: 5173,
    proxy: {
      '/api': serverUrl,
      '/healthz': serverUrl,
      '/yjs': { target: serverUrl, ws: true },
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
})
