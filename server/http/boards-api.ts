import { Router } from 'express'
import type { BoardInfo } from '../../shared/protocol/rest'
import { createBoardBodySchema } from '../../shared/protocol/rest'
import {
  type LookupResponse,
  lookupBodySchema,
  renameBoardBodySchema,
} from '../../shared/protocol/saved-boards'
import type { BoardAccess } from '../auth/board-access'
import { emptyBoardContent } from '../boards/board-content'
import { createBoardWithContent } from '../boards/create-board'
import { shareLinksFor } from '../boards/share-links'
import type { TemplateLibrary } from '../content/template-library'
import type { SessionChannel } from '../session/session-server'
import type { BoardStore } from '../storage/board-store'
import { forRole, readBody } from './board-request'
import { sendError } from './errors'

export interface BoardsApiDeps {
  store: BoardStore
  access: BoardAccess
  templates: TemplateLibrary
  live: Pick<SessionChannel, 'announceRename'>
  /** Deletes a board for everyone (closes its sockets first). */
  deleteBoard: (boardId: string) => Promise<void>
}

/** REST for boards (DESIGN.md §5): create, look up, read, rename, delete. */
export function boardsApi({ store, access, templates, live, deleteBoard }: BoardsApiDeps): Router {
  const router = Router()

  router.post('/', async (req, res) => {
    const body = readBody(createBoardBodySchema, req.body, res)
    if (!body) return
    const { title, templateId } = body
    const template = templateId === undefined ? undefined : templates.get(templateId)?.template
    if (templateId !== undefined && !template) {
      return sendError(res, 'template_not_found', `No template "${templateId}".`)
    }
    // a new board holds its document and first page from the start, so every change has a page to land on
    const created = await createBoardWithContent(store, {
      title: title ?? template?.title,
      templateId,
      document: { content: emptyBoardContent(), startTemplate: null },
    })
    res.status(201).json(created)
  })

  // The home page's list: each remembered board with the token this browser holds for it.
  router.post('/lookup', async (req, res) => {
    const body = readBody(lookupBodySchema, req.body, res)
    if (!body) return
    const answer: LookupResponse = { boards: [] }
    for (const { id, token } of body.boards) {
      const grant = await access.authorize(id, token)
      if (!grant.ok) {
        const code = grant.failure.code === 'board_not_found' ? 'board_not_found' : 'unauthorized'
        answer.boards.push({ ok: false, id, code })
        continue
      }
      const { board, role } = grant
      answer.boards.push({
        ok: true,
        board: { id, title: board.title, role, updatedAt: board.updatedAt, thumbnailAt: board.thumbnailAt },
      })
    }
    res.json(answer)
  })

  router.get(
    '/:id',
    forRole(access, 'viewer', ({ board, role, token }, _req, res) => {
      const info: BoardInfo = {
        id: board.id,
        title: board.title,
        templateId: board.templateId,
        createdAt: board.createdAt,
        updatedAt: board.updatedAt,
        role,
        origin: board.originBoardId
          ? { boardId: board.originBoardId, versionId: board.originVersionId }
          : null,
        thumbnailAt: board.thumbnailAt,
        urls: shareLinksFor(board, role, token),
      }
      res.json(info)
    }),
  )

  router.patch(
    '/:id',
    forRole(access, 'facilitator', async ({ board }, req, res) => {
      const body = readBody(renameBoardBodySchema, req.body, res)
      if (!body) return
      await store.renameBoard(board.id, body.title)
      live.announceRename(board.id, body.title)
      res.json({ title: body.title })
    }),
  )

  router.delete(
    '/:id',
    forRole(access, 'facilitator', async ({ board }, _req, res) => {
      await deleteBoard(board.id)
      res.status(204).end()
    }),
  )

  return router
}
