import { z } from 'zod'

/** Records one board may ever hold: the live board, an import and a board file share this cap. */
export const MAX_BOARD_RECORDS = 20_000

/**
 * What one board may hold. The server's operator sets these; the server enforces them on every
 * change and the client checks them before sending, so both apply one rule.
 */
export const boardLimitsSchema = z.object({
  /** Records in one board (shapes, bindings, pages, assets, the document, attribution). */
  maxRecords: z.number().int().min(1).max(MAX_BOARD_RECORDS),
  /** Characters of text in one record (a label, note, text block or frame name). */
  maxTextChars: z.number().int().min(1),
  /** Hosts whose pages an embed shape may show (exact host names); empty: no embeds at all. */
  embedHosts: z.array(z.string().min(1).max(253)),
})
export type BoardLimits = z.infer<typeof boardLimitsSchema>

export const DEFAULT_BOARD_LIMITS: BoardLimits = {
  maxRecords: MAX_BOARD_RECORDS,
  maxTextChars: 10_000,
  embedHosts: [],
}

/** Bytes of one record as JSON (an image's inline picture aside): far above any drawing, far below a hang. */
export const MAX_RECORD_BYTES = 256 * 1024

/** Why a change to a board was refused; the message is shown to the person who made it. */
export const contentProblemCodeSchema = z.enum([
  'invalid_record',
  'text_too_long',
  'record_too_large',
  'embed_not_allowed',
  'outside_address',
  'missing_parent',
  'parent_cycle',
  'missing_binding_end',
  'orphaned_records',
  'document_removed',
  'last_page_removed',
  'too_many_records',
  'schema_mismatch',
  'bad_board_metadata',
])
export type ContentProblemCode = z.infer<typeof contentProblemCodeSchema>

/** A refused change as a value: a code for programs, words for people, and the record at fault. */
export interface ContentProblem {
  code: ContentProblemCode
  message: string
  recordId?: string
}

export function problem(code: ContentProblemCode, message: string, recordId?: string): ContentProblem {
  return recordId === undefined ? { code, message } : { code, message, recordId }
}
