import express, { Router } from 'express'
import { importedTitle } from '../../shared/boards/imported-title'
import { CONTENT_LIMITS } from '../../shared/protocol/board-file'
import type { BoardAccess } from '../auth/board-access'
import { boardFileName, type ExportDeps, exportBoard } from '../boards/board-export'
import { type ImportLookup, readBoardFile } from '../boards/board-import'
import { createBoardWithContent } from '../boards/create-board'
import type { BoardStore } from '../storage/board-store'
import { forRole } from './board-request'
import { sendError } from './errors'
import { requireBodyType } from './request-guards'

/** GET /api/boards/:id/export — any role takes the whole board away as a file. */
export function exportApi(access: BoardAccess, deps: ExportDeps): Router {
  const router = Router()
  router.get(
    '/:id/export',
    forRole(access, 'viewer', async ({ board }, _req, res) => {
      const file = await exportBoard(deps, board)
      const name = boardFileName(board.title)
      res.set('content-disposition', `attachment; filename="${name}"`).json(file)
    }),
  )
  return router
}

/**
 * POST /api/boards/import — a board file becomes a new board (the caller gets its links).
 * Mounted before the API's small JSON limit: a board file may be up to CONTENT_LIMITS.fileBytes.
 */
export function importApi(store: BoardStore, lookup: ImportLookup): Router {
  const router = Router()
  const boardFile = express.json({ limit: CONTENT_LIMITS.fileBytes })
  router.post('/', requireBodyType('application/json'), boardFile, async (req, res) => {
    if (req.body === undefined) {
      return sendError(res, 'bad_request', 'Send the board file as JSON (Content-Type: application/json).')
    }
    const read = readBoardFile(req.body, lookup)
    if (!read.ok) return sendError(res, read.failure.code, read.failure.message)
    const { templateId, document, session } = read.plan
    // the copy is told apart from the board it came from, on the home page and in its top bar
    const title = importedTitle(read.plan.title, new Date())
    const created = await createBoardWithContent(store, { title, templateId, document, session })
    res.status(201).json(created)
  })
  return router
}
