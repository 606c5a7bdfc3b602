import { Router } from 'express'
import { rotateLinksBodySchema } from '../../shared/protocol/saved-boards'
import { YJS_CLOSE } from '../../shared/protocol/yjs-doc'
import type { BoardAccess } from '../auth/board-access'
import { rotateLinks } from '../boards/rotate-links'
import type { SessionChannel } from '../session/session-server'
import type { BoardStore } from '../storage/board-store'
import type { BoardRooms } from '../sync/board-rooms'
import { forRole, readBody } from './board-request'
import { sendError } from './errors'

const REVOKED = {
  code: 'token_revoked',
  message: 'This link has been replaced by the facilitator. Ask them for the new one.',
}

/** The facilitator replaces links: old tokens stop working at once, and sockets opened with them close. */
export function linksApi(
  store: BoardStore,
  access: BoardAccess,
  rooms: BoardRooms,
  live: Pick<SessionChannel, 'disconnect'>,
): Router {
  const router = Router()
  router.post(
    '/:id/links/rotate',
    forRole(access, 'facilitator', async ({ board, token }, req, res) => {
      const body = readBody(rotateLinksBodySchema, req.body, res)
      if (!body) return
      const rotated = await rotateLinks(store, board, token, body.roles)
      if (!rotated.ok) return sendError(res, rotated.failure.code, rotated.failure.message)
      const room = await rooms.peek(board.id)
      for (const role of body.roles) room?.disconnectRole(role, YJS_CLOSE.tokenRevoked, 'link replaced')
      live.disconnect(board.id, REVOKED, body.roles)
      res.json(rotated.links)
    }),
  )
  return router
}
