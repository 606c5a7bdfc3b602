import fs from 'node:fs'
import path from 'node:path'
import express, { type Router } from 'express'
import { sendError } from './errors'
import { precompressed } from './precompressed'

// hashed file names change with their content, so a browser may keep them for good
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Serves the built client: hashed assets (tldraw's fonts, icons and translations among them, so
 * nothing comes from a CDN) with long caching, brotli or gzip as the build compressed them, and
 * index.html for every page route.
 */
export function clientApp(clientDir: string): Router {
  const router = express.Router()
  const indexFile = path.join(clientDir, 'index.html')
  const assets = path.join(clientDir, 'assets')
  router.use(
    '/assets',
    precompressed(assets, IMMUTABLE),
    express.static(assets, { immutable: true, maxAge: '1y' }),
    // a stale tab asking for an old build's file: an ordinary 404, not a server error
    (_req, res) => sendError(res, 'not_found', 'No such file in this build.'),
  )
  router.use(express.static(clientDir, { index: false }))
  router.get(['/', '/b/:boardId', '/b/:boardId/v/:versionId', '/p/:publicationId'], (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built yet. Run `npm run build` or `npm start`.')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(indexFile)
  })
  return router
}
