import { isEqual, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { serializedSchemaSchema } from '../../shared/protocol/board-file'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'

/** Origin of the Yjs transactions this tab makes from tldraw changes, so it can skip its own echo. */
export const LOCAL_ORIGIN = Symbol('lockstep:tldraw')

export interface BindingOptions {
  /** Whether this tab may write the board (false for viewers and after a refusal). Read on every change. */
  canWrite: () => boolean
}

type RecordId = TLRecord['id']

/** The serialized tldraw schema in the meta map; checked loosely here, tldraw's migrator checks the rest. */
function readSchema(meta: Y.Map<unknown>): SerializedSchema | null {
  const parsed = serializedSchemaSchema.safeParse(meta.get(BOARD_DOC.schemaKey))
  // typed boundary: the shape is checked above, the versions by tldraw's migrator
  return parsed.success ? (parsed.data as SerializedSchema) : null
}

/** Whether a value from the Yjs map looks like a document record of this store (tldraw validates the props). */
function isDocumentRecord(store: TLStore, id: string, value: unknown): value is TLRecord {
  if (typeof value !== 'object' || value === null) return false
  if (!('typeName' in value) || !('id' in value)) return false
  const { typeName, id: recordId } = value
  return (
    typeof typeName === 'string' &&
    recordId === id &&
    id.startsWith(`${typeName}:`) &&
    store.scopedTypes.document.has(typeName as TLRecord['typeName'])
  )
}

/** Keeps records that pass tldraw's validation; a single bad record must not take the board down. */
function validRecords(store: TLStore, records: TLRecord[]): TLRecord[] {
  return records.filter((record) => {
    try {
      store.schema.validateRecord(store, record, 'initialize', null)
      return true
    } catch (error) {
      console.warn(`Lockstep: skipped an unreadable record ${record.id}`, error)
      return false
    }
  })
}

/**
 * Binds a tldraw store to a board's Yjs document (DESIGN.md §3) and returns the unbind function.
 *
 * Call it once the document holds what this device can know (IndexedDB loaded, server synced or
 * unreachable), before the editor mounts, so a fresh store never races the real board content:
 * - an empty board is seeded with the store's default document and page and the schema;
 * - otherwise the records are migrated from the stored schema and loaded;
 * - then local document changes go to Yjs in one transaction each, and remote Yjs changes come
 *   back through `mergeRemoteChanges`, so they never enter this tab's undo stack.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindingOptions): () => void {
  const yRecords = doc.getMap<unknown>(BOARD_DOC.recordsMap)
  const yMeta = doc.getMap<unknown>(BOARD_DOC.metaMap)
  const ourSchema = store.schema.serialize()

  let storedSchema = readSchema(yMeta)
  const needsMigration = () => storedSchema !== null && !isEqual(storedSchema, ourSchema)

  const writeToDoc = (put: TLRecord[], remove: RecordId[], writeSchema: boolean) => {
    if (!options.canWrite() || (put.length === 0 && remove.length === 0 && !writeSchema)) return
    doc.transact(() => {
      for (const record of put) yRecords.set(record.id, record)
      for (const id of remove) yRecords.delete(id)
      if (writeSchema) yMeta.set(BOARD_DOC.schemaKey, ourSchema)
    }, LOCAL_ORIGIN)
  }

  loadDocIntoStore()

  function loadDocIntoStore(): void {
    const stored: Record<string, TLRecord> = {}
    yRecords.forEach((value, id) => {
      if (isDocumentRecord(store, id, value)) stored[id] = value
    })
    const migrated = store.schema.migrateStoreSnapshot({ store: stored, schema: storedSchema ?? ourSchema })
    if (migrated.type !== 'success') {
      throw new Error(
        `This board was saved by a newer or unknown version of the editor (${migrated.reason}).`,
      )
    }
    const records = validRecords(store, Object.values(migrated.value))
    // clears the store, loads the records and adds whatever a usable store lacks (document, page)
    store.loadStoreSnapshot({
      store: Object.fromEntries(records.map((r) => [r.id, r])),
      schema: ourSchema,
    })

    // write back what the load created (an empty board's default page) or migrated
    const changed = Object.values(store.serialize('document')).filter(
      (record) => !isEqual(yRecords.get(record.id), record),
    )
    const schemaChanged = storedSchema === null || needsMigration()
    writeToDoc(changed, [], schemaChanged)
    if (schemaChanged && options.canWrite()) storedSchema = ourSchema
  }

  // local → Yjs
  const stopListening = store.listen(
    ({ changes }) => {
      // Listeners run a frame late; by then a remote change may have touched the same record,
      // so write each record as it is now, not as it was, or this tab would diverge from the board.
      const ids = new Set<RecordId>([
        ...(Object.keys(changes.added) as RecordId[]),
        ...(Object.keys(changes.updated) as RecordId[]),
        ...(Object.keys(changes.removed) as RecordId[]),
      ])
      const put: TLRecord[] = []
      const remove: RecordId[] = []
      for (const id of ids) {
        const record = store.get(id)
        if (record) put.push(record)
        else remove.push(id)
      }
      writeToDoc(put, remove, false)
    },
    { source: 'user', scope: 'document' },
  )

  // Yjs → local
  const incoming = (value: unknown, id: string): TLRecord | null => {
    if (!isDocumentRecord(store, id, value)) return null
    if (!needsMigration() || storedSchema === null) return value
    const result = store.schema.migratePersistedRecord(value, storedSchema)
    return result.type === 'success' ? result.value : null
  }

  const onRecordsChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return
    const put: TLRecord[] = []
    const remove: RecordId[] = []
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'delete') {
        const existing = store.get(id as RecordId)
        if (existing && store.scopedTypes.document.has(existing.typeName)) remove.push(existing.id)
        return
      }
      const record = incoming(yRecords.get(id), id)
      if (record) put.push(record)
    })
    const valid = validRecords(store, put)
    if (valid.length === 0 && remove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (remove.length > 0) store.remove(remove)
      if (valid.length > 0) store.put(valid)
    })
  }

  const onMetaChange = () => {
    storedSchema = readSchema(yMeta)
  }

  yRecords.observe(onRecordsChange)
  yMeta.observe(onMetaChange)

  return () => {
    stopListening()
    yRecords.unobserve(onRecordsChange)
    yMeta.unobserve(onMetaChange)
  }
}
