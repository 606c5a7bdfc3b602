import { type Response, Router } from 'express'
import {
  publishedLink,
  saveVersionBodySchema,
  type VersionContent,
  type VersionInfo,
} from '../../shared/protocol/saved-boards'
import type { BoardAccess } from '../auth/board-access'
import { hashToken, randomId } from '../auth/capabilities'
import { contentOfState } from '../boards/board-content'
import type { BoardVersions } from '../boards/board-versions'
import type { BoardStore, VersionRecord } from '../storage/board-store'
import { forRole, readBody } from './board-request'
import { sendError } from './errors'
import { wellFormedId } from './path-ids'
import { pngFromBase64, pngHeaders } from './png'

/** A version as the API shows it. */
export function versionInfo(version: VersionRecord): VersionInfo {
  const { id, name, kind, createdAt, hasThumbnail } = version
  return { id, name, kind, createdAt, hasThumbnail }
}

/** REST for a board's versions: list, save, read, picture, restore, publish. */
export function versionsApi(store: BoardStore, access: BoardAccess, versions: BoardVersions): Router {
  const router = Router()

  /** The version named in the path, or null after answering 400 (malformed id) or 404. */
  const versionOf = async (boardId: string, versionId: string | undefined, res: Response) => {
    if (!wellFormedId('version', versionId, res)) return null
    const found = await store.getVersion(boardId, versionId)
    if (!found) sendError(res, 'version_not_found', 'No such version of this board.')
    return found
  }

  router.get(
    '/:id/versions',
    forRole(access, 'viewer', async ({ board }, _req, res) => {
      res.json({ versions: (await store.listVersions(board.id)).map(versionInfo) })
    }),
  )

  router.post(
    '/:id/versions',
    forRole(access, 'facilitator', async ({ board }, req, res) => {
      const body = readBody(saveVersionBodySchema, req.body, res)
      if (!body) return
      const picture = body.thumbnail === undefined ? undefined : pngFromBase64(body.thumbnail)
      if (picture && !picture.ok) return sendError(res, 'bad_request', `thumbnail: ${picture.message}`)
      const saved = await versions.save(board.id, {
        name: body.name,
        kind: 'manual',
        thumbnail: picture?.png,
      })
      res.status(201).json(versionInfo(saved))
    }),
  )

  router.get(
    '/:id/versions/:versionId',
    forRole(access, 'viewer', async ({ board }, req, res) => {
      const version = await versionOf(board.id, req.params.versionId, res)
      if (!version) return
      const answer: VersionContent = {
        boardTitle: board.title,
        version: versionInfo(version),
        content: contentOfState(await store.loadVersion(board.id, version.id)).content,
      }
      res.json(answer)
    }),
  )

  router.get(
    '/:id/versions/:versionId/thumbnail',
    forRole(access, 'viewer', async ({ board }, req, res) => {
      const version = await versionOf(board.id, req.params.versionId, res)
      if (!version) return
      const png = await store.loadVersionThumbnail(board.id, version.id)
      if (!png) return sendError(res, 'not_found', 'This version has no picture.')
      res.set(pngHeaders()).send(Buffer.from(png))
    }),
  )

  router.post(
    '/:id/versions/:versionId/restore',
    forRole(access, 'facilitator', async ({ board }, req, res) => {
      const version = await versionOf(board.id, req.params.versionId, res)
      if (!version) return
      const { content } = contentOfState(await store.loadVersion(board.id, version.id))
      const changed = await versions.restore(board.id, content)
      // the board looks like the version again; so should its picture on the home page
      const picture = await store.loadVersionThumbnail(board.id, version.id)
      if (picture) await store.saveThumbnail(board.id, picture)
      res.json(changed)
    }),
  )

  router.post(
    '/:id/versions/:versionId/publish',
    forRole(access, 'facilitator', async ({ board }, req, res) => {
      const version = await versionOf(board.id, req.params.versionId, res)
      if (!version) return
      const id = randomId()
      const token = randomId()
      await store.createPublication({
        id,
        boardId: board.id,
        versionId: version.id,
        tokenHash: hashToken(token),
        boardTitle: board.title,
      })
      res.status(201).json({ id, url: publishedLink(id, token) })
    }),
  )

  return router
}
