import express, { Router } from 'express'
import { SAVED_LIMITS } from '../../shared/protocol/saved-boards'
import type { BoardAccess } from '../auth/board-access'
import type { BoardStore } from '../storage/board-store'
import { forRole } from './board-request'
import { sendError } from './errors'
import { isPng, pngHeaders } from './png'
import { requireBodyType } from './request-guards'

/** The picture of a board's current content: any role may see it, editors and facilitators replace it. */
export function thumbnailsApi(store: BoardStore, access: BoardAccess): Router {
  const router = Router()

  router.get(
    '/:id/thumbnail',
    forRole(access, 'viewer', async ({ board }, _req, res) => {
      const png = await store.loadThumbnail(board.id)
      if (!png) return sendError(res, 'not_found', 'This board has no picture yet.')
      res.set(pngHeaders()).send(Buffer.from(png))
    }),
  )

  router.put(
    '/:id/thumbnail',
    requireBodyType('image/png'),
    express.raw({ type: 'image/png', limit: SAVED_LIMITS.thumbnailBytes }),
    forRole(access, 'editor', async ({ board }, req, res) => {
      const body: unknown = req.body
      if (!Buffer.isBuffer(body) || !isPng(body)) {
        return sendError(res, 'bad_request', 'Send the picture as a PNG (Content-Type: image/png).')
      }
      await store.saveThumbnail(board.id, new Uint8Array(body))
      res.status(204).end()
    }),
  )

  return router
}
