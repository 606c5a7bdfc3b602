import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { serializedSchemaSchema } from '../protocol/board-file'
import type { BoardLimits } from './board-limits'
import { type SkippedRecord, sortDrawable } from './drawable-records'
import { boardSchema, boardSchemaSerialized } from './record-rules'
import { sameJson } from './restore-plan'

/**
 * More skipped records than this and a board counts as damaged: what is left would mislead, and
 * editing it would fight the records nobody can see.
 */
export const MAX_SKIPPED_RECORDS = 100

/** Why a board opens in safe mode (no canvas); see docs/ARCHITECTURE.md, "Damaged boards". */
export type BoardDamageCode = 'too_many_records' | 'schema_mismatch' | 'too_many_skipped' | 'unbuildable'

export interface BoardDamage {
  code: BoardDamageCode
  message: string
}

/** A board as a browser may draw it: the records to load (migrated to this editor) and those left out. */
export type DrawableBoard =
  | { kind: 'drawable'; records: TLRecord[]; skipped: SkippedRecord[] }
  | { kind: 'damaged'; damage: BoardDamage }

/** tldraw's serialized schema, as its migrator takes it. */
type SerializedSchema = Parameters<TLSchema['getMigrationsSince']>[0]

const damaged = (code: BoardDamageCode, message: string): DrawableBoard => ({
  kind: 'damaged',
  damage: { code, message },
})

/**
 * Reads a board's stored records (the Yjs map's values, unchecked) and schema for drawing: migrates
 * each record to this editor's schema, skips what cannot be drawn (`sortDrawable`), and calls the
 * board damaged when it holds more than its limit, was written with a schema this editor cannot
 * read, or would lose more than MAX_SKIPPED_RECORDS records. Cheap checks come first, so a huge
 * board is refused before any record is looked at.
 */
export function readDrawableBoard(
  stored: ReadonlyMap<string, unknown>,
  storedSchema: unknown,
  limits: BoardLimits,
): DrawableBoard {
  const tooMany = countDamage(stored.size, limits)
  if (tooMany) return { kind: 'damaged', damage: tooMany }
  const schema = readableSchema(storedSchema)
  if (schema === 'unreadable') {
    return damaged('schema_mismatch', 'It says it was written by an editor this one cannot read.')
  }
  const migrated = new Map<string, unknown>()
  const failed: SkippedRecord[] = []
  for (const [id, value] of stored) {
    const record = schema === null ? value : migrate(value, schema)
    if (record === null) {
      failed.push({
        id,
        problem: { code: 'invalid_record', message: 'A record could not be read.', recordId: id },
      })
    } else migrated.set(id, record)
  }
  const sorted = sortDrawable(migrated, limits)
  const skipped = [...failed, ...sorted.skipped]
  const lost = skippedDamage(skipped.length)
  if (lost) return { kind: 'damaged', damage: lost }
  // typed boundary: every kept record passed tldraw's own validators in sortDrawable
  const records = sorted.kept.map((id) => migrated.get(id) as TLRecord)
  return { kind: 'drawable', records, skipped }
}

/** A board holding more records than it may is damaged (checked on load and after every change). */
export function countDamage(records: number, limits: BoardLimits): BoardDamage | null {
  if (records <= limits.maxRecords) return null
  return {
    code: 'too_many_records',
    message: `It holds ${records.toLocaleString('en')} items, more than a board may (${limits.maxRecords.toLocaleString('en')}).`,
  }
}

/** A board that would lose more than MAX_SKIPPED_RECORDS records is damaged. */
export function skippedDamage(skipped: number): BoardDamage | null {
  if (skipped <= MAX_SKIPPED_RECORDS) return null
  return {
    code: 'too_many_skipped',
    message: `${skipped.toLocaleString('en')} of its items cannot be shown.`,
  }
}

/** null: the records are already this editor's; a schema to migrate from; or unreadable. */
function readableSchema(value: unknown): SerializedSchema | null | 'unreadable' {
  if (value === undefined || value === null || sameJson(value, boardSchemaSerialized())) return null
  const parsed = serializedSchemaSchema.safeParse(value)
  if (!parsed.success) return 'unreadable'
  // typed boundary: the shape is checked above, the versions by tldraw's migrator
  const schema = parsed.data as SerializedSchema
  return boardSchema().getMigrationsSince(schema).ok ? schema : 'unreadable'
}

function migrate(value: unknown, schema: SerializedSchema): unknown {
  try {
    const result = boardSchema().migratePersistedRecord(value as TLRecord, schema)
    return result.type === 'success' ? result.value : null
  } catch {
    return null // not even a record: tldraw's migrator could not look at it
  }
}
