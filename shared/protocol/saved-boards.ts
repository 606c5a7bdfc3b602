import { z } from 'zod'
import { boardContentSchema } from './board-file'
import { boardIdSchema, tokenSchema } from './links'
import { boardTitleSchema } from './rest'
import { roleSchema } from './roles'

/** Saved boards: rename, versions, fork, publish, rotate, thumbnails (REST contracts, README "REST"). */

/** Limits on pictures and names that reach the server. */
export const SAVED_LIMITS = {
  versionNameChars: 80,
  /** A PNG thumbnail of a board or version. */
  thumbnailBytes: 256 * 1024,
  /** Boards asked about in one lookup (the home page's list). */
  lookupBoards: 100,
} as const

/** Version, publication and board ids all share the 128-bit base64url shape. */
export const versionIdSchema = boardIdSchema

/** PATCH /api/boards/:id (facilitator) */
export const renameBoardBodySchema = z.object({ title: boardTitleSchema }).strict()

/** POST /api/boards/lookup — what the home page shows for the boards this browser remembers. */
export const lookupBodySchema = z
  .object({
    boards: z
      .array(z.object({ id: z.string().max(64), token: z.string().max(64) }).strict())
      .max(SAVED_LIMITS.lookupBoards),
  })
  .strict()
export type LookupBody = z.infer<typeof lookupBodySchema>

export const boardSummarySchema = z.object({
  id: boardIdSchema,
  title: z.string(),
  role: roleSchema,
  updatedAt: z.string(),
  thumbnailAt: z.string().nullable(),
})
export type BoardSummary = z.infer<typeof boardSummarySchema>

export const lookupResponseSchema = z.object({
  boards: z.array(
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), board: boardSummarySchema }),
      z.object({ ok: z.literal(false), id: z.string(), code: z.enum(['unauthorized', 'board_not_found']) }),
    ]),
  ),
})
export type LookupResponse = z.infer<typeof lookupResponseSchema>

/** Why a version exists: someone saved it, or the server kept one on its own. */
export const versionKindSchema = z.enum(['manual', 'hourly', 'session-end'])
export type VersionKind = z.infer<typeof versionKindSchema>

export const versionInfoSchema = z.object({
  id: versionIdSchema,
  name: z.string(),
  kind: versionKindSchema,
  createdAt: z.string(),
  hasThumbnail: z.boolean(),
})
export type VersionInfo = z.infer<typeof versionInfoSchema>

/** A PNG as base64 (no data: prefix), checked for size and signature by the server. */
const pngBase64Schema = z
  .string()
  .max(Math.ceil((SAVED_LIMITS.thumbnailBytes * 4) / 3) + 4, 'the picture is too large')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the picture must be base64')

/** POST /api/boards/:id/versions (facilitator) */
export const saveVersionBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name must not be empty')
      .max(SAVED_LIMITS.versionNameChars, `name must be at most ${SAVED_LIMITS.versionNameChars} characters`),
    thumbnail: pngBase64Schema.optional(),
  })
  .strict()
export type SaveVersionBody = z.infer<typeof saveVersionBodySchema>

/** GET /api/boards/:id/versions */
export const versionListSchema = z.object({ versions: z.array(versionInfoSchema) })

/** GET /api/boards/:id/versions/:versionId — one version's content, to show it read-only. */
export const versionContentSchema = z.object({
  boardTitle: z.string(),
  version: versionInfoSchema,
  content: boardContentSchema,
})
export type VersionContent = z.infer<typeof versionContentSchema>

/** POST /api/boards/:id/versions/:versionId/restore (facilitator): what changed on the board. */
export const restoreResponseSchema = z.object({ put: z.number().int(), removed: z.number().int() })

/** POST /api/boards/:id/fork (any role): fork the board now, or one of its versions. */
export const forkBodySchema = z
  .object({ versionId: versionIdSchema.optional(), title: boardTitleSchema.optional() })
  .strict()
export type ForkBody = z.infer<typeof forkBodySchema>

/** POST /api/boards/:id/versions/:versionId/publish (facilitator): a link to that frozen version. */
export const publishResponseSchema = z.object({ id: z.string(), url: z.string() })

/** GET /api/published/:publicationId with the publication's token. */
export const publishedVersionSchema = z.object({
  boardTitle: z.string(),
  version: versionInfoSchema.pick({ name: true, createdAt: true }),
  content: boardContentSchema,
})
export type PublishedVersion = z.infer<typeof publishedVersionSchema>

/** POST /api/boards/:id/links/rotate (facilitator): replace the links of these roles. */
export const rotateLinksBodySchema = z.object({ roles: z.array(roleSchema).min(1).max(3) }).strict()

export const rotateLinksResponseSchema = z.object({
  tokens: z.object({ facilitator: tokenSchema, editor: tokenSchema, viewer: tokenSchema }),
  urls: z.object({ facilitator: z.string(), editor: z.string(), viewer: z.string() }),
})
export type RotateLinksResponse = z.infer<typeof rotateLinksResponseSchema>

/** The path of a published version's page; its token travels in the fragment like a board link. */
export function publishedLink(publicationId: string, token: string): string {
  return `/p/${publicationId}#k=${token}`
}

/** The publication id in a page path like `/p/<id>`, or null. */
export function publicationIdFromPath(pathname: string): string | null {
  const match = /^\/p\/([^/]+)\/?$/.exec(pathname)
  const id = match?.[1]
  return id && versionIdSchema.safeParse(id).success ? id : null
}

/** The path of one saved version of a board, shown read-only; the board's token rides in the fragment. */
export function versionPath(boardId: string, versionId: string): string {
  return `/b/${boardId}/v/${versionId}`
}

/** The board and version in a path like `/b/<id>/v/<versionId>`, or null. */
export function versionFromPath(pathname: string): { boardId: string; versionId: string } | null {
  const match = /^\/b\/([^/]+)\/v\/([^/]+)\/?$/.exec(pathname)
  const [, boardId, versionId] = match ?? []
  if (!boardId || !versionId) return null
  const valid = boardIdSchema.safeParse(boardId).success && versionIdSchema.safeParse(versionId).success
  return valid ? { boardId, versionId } : null
}
