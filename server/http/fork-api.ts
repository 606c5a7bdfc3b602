import { Router } from 'express'
import { forkBodySchema } from '../../shared/protocol/saved-boards'
import type { BoardAccess } from '../auth/board-access'
import type { BoardVersions } from '../boards/board-versions'
import { forkBoard } from '../boards/fork-board'
import type { BoardStore } from '../storage/board-store'
import { forRole, readBody } from './board-request'
import { sendError } from './errors'

/** Any role may fork a board (now, or one of its versions) into a new board where they facilitate. */
export function forkApi(store: BoardStore, access: BoardAccess, versions: BoardVersions): Router {
  const router = Router()
  router.post(
    '/:id/fork',
    forRole(access, 'viewer', async ({ board }, req, res) => {
      const body = readBody(forkBodySchema, req.body, res)
      if (!body) return
      const forked = await forkBoard({ store, versions }, { board, ...body })
      if (!forked.ok) return sendError(res, forked.failure.code, forked.failure.message)
      res.status(201).json(forked.created)
    }),
  )
  return router
}
