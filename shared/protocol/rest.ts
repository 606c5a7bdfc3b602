import { z } from 'zod'
import { boardLimitsSchema } from '../boards/board-limits'
import { roleSchema } from './roles'

/** Limits on what people type, checked at every boundary. */
export const LIMITS = {
  titleChars: 120,
  participantNameChars: 40,
} as const

export const boardTitleSchema = z
  .string()
  .trim()
  .min(1, 'title must not be empty')
  .max(LIMITS.titleChars, `title must be at most ${LIMITS.titleChars} characters`)

export const templateIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'templateId must be lowercase letters, digits and dashes')

/** POST /api/boards */
export const createBoardBodySchema = z
  .object({
    title: boardTitleSchema.optional(),
    templateId: templateIdSchema.optional(),
  })
  .strict()
export type CreateBoardBody = z.infer<typeof createBoardBodySchema>

const roleLinksSchema = z.object({ facilitator: z.string(), editor: z.string(), viewer: z.string() })

export const createBoardResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  tokens: roleLinksSchema,
  urls: roleLinksSchema,
})
export type CreateBoardResponse = z.infer<typeof createBoardResponseSchema>

/** GET /api/boards/:id — metadata, the caller's role, and the links that role may hand on. */
export const boardInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  templateId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  role: roleSchema,
  /** The board this one was forked from (and the version), if any. */
  origin: z.object({ boardId: z.string(), versionId: z.string().nullable() }).nullable(),
  /** When the picture of the board's current content last changed; null when there is none yet. */
  thumbnailAt: z.string().nullable(),
  /** Share links the caller may pass on: a facilitator gets all three, an editor editor+viewer, a viewer viewer. */
  urls: roleLinksSchema.partial(),
})
export type BoardInfo = z.infer<typeof boardInfoSchema>

/** GET /api/config — settings the client needs at run time. */
export const clientConfigSchema = z.object({
  tldrawLicenseKey: z.string().nullable(),
  /** What a board may hold here, so the browser refuses a change before the server has to. */
  boardLimits: boardLimitsSchema,
})
export type ClientConfig = z.infer<typeof clientConfigSchema>
