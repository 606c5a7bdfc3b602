import { z } from 'zod'
import { MAX_BOARD_RECORDS } from '../boards/board-limits'
import { boardTitleSchema, templateIdSchema } from './rest'

/** Limits on a board's content as it crosses a boundary (import, versions, restore). */
export const CONTENT_LIMITS = {
  /** Records in one board (shapes, bindings, pages, assets, the document). */
  records: MAX_BOARD_RECORDS,
  /** Bytes of one board file (JSON) accepted by import. */
  fileBytes: 8 * 1024 * 1024,
} as const

/**
 * The tldraw record types that make up a board's document (everything else is per-tab state);
 * `user` records name who made what (attribution).
 */
export const DOCUMENT_TYPE_NAMES = ['document', 'page', 'shape', 'binding', 'asset', 'user'] as const

/**
 * One tldraw document record, checked for its envelope only (id and type); the server checks the
 * props against tldraw's own schema before anything is stored.
 */
export const documentRecordSchema = z
  .looseObject({
    id: z.string().min(3).max(200),
    typeName: z.enum(DOCUMENT_TYPE_NAMES),
  })
  .refine((record) => record.id.startsWith(`${record.typeName}:`), {
    message: 'a record id must start with its type name',
  })
export type DocumentRecord = z.infer<typeof documentRecordSchema>

/** tldraw's serialized store schema (the record versions the records were written with). */
export const serializedSchemaSchema = z.union([
  z.object({ schemaVersion: z.literal(2), sequences: z.record(z.string(), z.number()) }),
  z.looseObject({ schemaVersion: z.literal(1), storeVersion: z.number() }),
])

/** A board's drawing as plain data: its tldraw document records and the schema they follow. */
export const boardContentSchema = z.object({
  schema: serializedSchemaSchema,
  records: z.array(documentRecordSchema).max(CONTENT_LIMITS.records),
})
export type BoardContent = z.infer<typeof boardContentSchema>

export const BOARD_FILE_FORMAT = 'lockstep-board'

/**
 * A board file (export/import): everything needed to bring a board back elsewhere — the drawing,
 * the template it started from, and its live session (scenario, step, presentation, ...).
 */
export const boardFileSchema = z
  .object({
    format: z.literal(BOARD_FILE_FORMAT),
    formatVersion: z.literal(1),
    title: boardTitleSchema,
    templateId: templateIdSchema.nullable(),
    exportedAt: z.string().max(40),
    content: boardContentSchema,
    /** The session as the server keeps it (checked against the session schema on import). */
    session: z.unknown().nullable(),
  })
  .strict()
export type BoardFile = z.infer<typeof boardFileSchema>
