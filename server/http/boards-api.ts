import { type Request, Router } from 'express'
import type { BoardInfo } from '../../shared/protocol/rest'
import { createBoardBodySchema } from '../../shared/protocol/rest'
import type { BoardAccess } from '../auth/board-access'
import { createBoard } from '../boards/create-board'
import { shareLinksFor } from '../boards/share-links'
import type { TemplateLibrary } from '../content/template-library'
import type { BoardStore } from '../storage/board-store'
import { sendError } from './errors'

/** The bearer token of a request, or an empty string. */
export function bearerToken(req: Request): string {
  const header = req.get('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? ''
}

/** REST for boards (DESIGN.md §5). */
export function boardsApi(store: BoardStore, access: BoardAccess, templates: TemplateLibrary): Router {
  const router = Router()

  router.post('/', async (req, res) => {
    const parsed = createBoardBodySchema.safeParse(req.body ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
      return sendError(res, 'bad_request', `${where}${issue?.message ?? 'invalid body'}`)
    }
    const { title, templateId } = parsed.data
    const template = templateId === undefined ? undefined : templates.get(templateId)?.template
    if (templateId !== undefined && !template) {
      return sendError(res, 'template_not_found', `No template "${templateId}".`)
    }
    const created = await createBoard(store, { title: title ?? template?.title, templateId })
    res.status(201).json(created)
  })

  router.get('/:id', async (req, res) => {
    const token = bearerToken(req)
    const grant = await access.authorize(req.params.id, token)
    if (!grant.ok) return sendError(res, grant.failure.code, grant.failure.message)
    const { board, role } = grant
    const info: BoardInfo = {
      id: board.id,
      title: board.title,
      templateId: board.templateId,
      createdAt: board.createdAt,
      updatedAt: board.updatedAt,
      role,
      origin: board.originBoardId ? { boardId: board.originBoardId, versionId: board.originVersionId } : null,
      thumbnailAt: board.thumbnailAt,
      urls: shareLinksFor(board, role, token),
    }
    res.json(info)
  })

  return router
}
