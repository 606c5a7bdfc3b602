import { z } from 'zod'
import { assertNever, roleSchema } from './roles'

/** What a facilitator's page announces after a change the server cannot see (a restore is one Yjs change). */
export const announcementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version-restored'), version: z.string().trim().min(1).max(80) }).strict(),
])
export type Announcement = z.infer<typeof announcementSchema>

/** A short word to participants about who did what to the board or to them. */
export const sessionNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version-restored'), by: z.string(), version: z.string() }),
  z.object({ kind: z.literal('view-summoned'), by: z.string() }),
  z.object({ kind: z.literal('role-changed'), by: z.string(), role: roleSchema }),
])
export type SessionNotice = z.infer<typeof sessionNoticeSchema>

const ROLE_WORDS = { facilitator: 'a co-facilitator', editor: 'an editor', viewer: 'a viewer' } as const

/** "Ana restored the version ‘Before failover’." */
export function sessionNoticeText(notice: SessionNotice): string {
  switch (notice.kind) {
    case 'version-restored':
      return `${notice.by} restored the version ‘${notice.version}’.`
    case 'view-summoned':
      return `${notice.by} brought everyone’s view to theirs.`
    case 'role-changed':
      return `${notice.by} made you ${ROLE_WORDS[notice.role]}.`
    default:
      return assertNever(notice)
  }
}
