import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type { BoardContent } from '../../shared/protocol/board-file'

export type ContentRecords = { ok: true; records: TLRecord[] } | { ok: false; message: string }

/**
 * A saved board's records, migrated from the schema they were saved with to this editor's and
 * checked by tldraw's validators, so nothing half-applies later. Fails in words, never throws.
 */
export function contentRecords(store: TLStore, content: BoardContent): ContentRecords {
  // typed boundary: zod checked each record's id and type; tldraw's migrations and validators check the rest
  const saved = Object.fromEntries(content.records.map((record) => [record.id, record])) as unknown as Record<
    TLRecord['id'],
    TLRecord
  >
  const migrated = store.schema.migrateStoreSnapshot({
    store: saved,
    schema: content.schema as SerializedSchema,
  })
  if (migrated.type !== 'success') {
    return {
      ok: false,
      message: 'It was saved by a newer or unknown version of the editor, so it cannot be shown here.',
    }
  }
  const records = Object.values(migrated.value)
  for (const record of records) {
    try {
      store.schema.validateRecord(store, record, 'initialize', null)
    } catch {
      return { ok: false, message: `Part of it could not be read (${record.id}).` }
    }
  }
  return { ok: true, records }
}
