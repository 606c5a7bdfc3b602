import { type Request, type Response, Router } from 'express'
import { tokenSchema } from '../../shared/protocol/links'
import type { PublishedVersion } from '../../shared/protocol/saved-boards'
import { tokenMatches } from '../auth/capabilities'
import { contentOfState } from '../boards/board-content'
import type { BoardVersions } from '../boards/board-versions'
import { forkBoard } from '../boards/fork-board'
import type { BoardStore, PublicationRecord } from '../storage/board-store'
import { bearerToken } from './board-request'
import { sendError } from './errors'
import { wellFormedId } from './path-ids'

/** A published version: one frozen version, readable (and forkable) with the publication's own token. */
export function publishedApi(store: BoardStore, versions: BoardVersions): Router {
  const router = Router()

  /** The publication the request's token opens, or null after answering 400/404/401. */
  const publicationOf = async (req: Request<Record<string, string>>, res: Response) => {
    const id = req.params.publicationId
    if (!wellFormedId('publication', id, res)) return null
    const publication = await store.getPublication(id)
    if (!publication) {
      sendError(res, 'not_found', 'No such published version.')
      return null
    }
    if (!opens(bearerToken(req), publication)) {
      sendError(res, 'unauthorized', 'This link is not valid for this published version.')
      return null
    }
    return publication
  }

  router.get('/:publicationId', async (req, res) => {
    const publication = await publicationOf(req, res)
    if (!publication) return
    const { boardId, versionId } = publication
    const [board, version, state] = await Promise.all([
      store.getBoard(boardId),
      store.getVersion(boardId, versionId),
      store.loadVersion(boardId, versionId),
    ])
    if (!board || !version || !state) return sendError(res, 'not_found', 'No such published version.')
    const answer: PublishedVersion = {
      // as it was when published (older publications, made before titles were kept, show today's)
      boardTitle: publication.boardTitle || board.title,
      version: { name: version.name, createdAt: version.createdAt },
      content: contentOfState(state).content,
    }
    res.json(answer)
  })

  router.post('/:publicationId/fork', async (req, res) => {
    const publication = await publicationOf(req, res)
    if (!publication) return
    const board = await store.getBoard(publication.boardId)
    if (!board) return sendError(res, 'not_found', 'No such published version.')
    const forked = await forkBoard({ store, versions }, { board, versionId: publication.versionId })
    if (!forked.ok) return sendError(res, 'not_found', 'No such published version.')
    res.status(201).json(forked.created)
  })

  return router
}

function opens(token: string, publication: PublicationRecord): boolean {
  return tokenSchema.safeParse(token).success && tokenMatches(token, publication.tokenHash)
}
