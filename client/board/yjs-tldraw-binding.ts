import { isEqual, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import type * as Y from 'yjs'
import type { BoardLimits } from '../../shared/boards/board-limits'
import {
  type BoardDamage,
  countDamage,
  readDrawableBoard,
  skippedDamage,
} from '../../shared/boards/drawable-board'
import { type SkippedRecord, sortDrawable } from '../../shared/boards/drawable-records'
import { serializedSchemaSchema } from '../../shared/protocol/board-file'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { LOAD_MEASURE, measureLoad } from './load-marks'

/** Origin of the Yjs transactions this tab makes from tldraw changes, so it can skip its own echo. */
export const LOCAL_ORIGIN = Symbol('lockstep:tldraw')

export interface BindingOptions {
  /** Whether this tab may write the board (false for viewers and after a refusal). Read on every change. */
  canWrite: () => boolean
  /** What the board may hold (the server's limits): records past them are not drawn. */
  limits: BoardLimits
  /** Told the records this tab leaves out, whenever that changes. */
  onSkipped: (skipped: SkippedRecord[]) => void
  /** A change arrived that damages the board (far too many records): stop drawing it. */
  onDamaged: (damage: BoardDamage) => void
}

/**
 * tldraw's editor writes an attribution (`user`) record for everyone who opens a board. On a board
 * at its cap the server would refuse it (4422) and this tab would start over, then again, until it
 * gave up: opening a full board must not change it, so a new attribution record that does not fit
 * stays in this tab. Every other record is sent as it is (the server judges a person's own edit).
 */
function attributionThatFits(put: TLRecord[], yRecords: Y.Map<unknown>, maxRecords: number): TLRecord[] {
  const isNew = (record: TLRecord) => !yRecords.has(record.id)
  const isNewAttribution = (record: TLRecord) => record.typeName === 'user' && isNew(record)
  let room = maxRecords - yRecords.size - put.filter((r) => isNew(r) && !isNewAttribution(r)).length
  return put.filter((record) => !isNewAttribution(record) || room-- > 0)
}

/** Bound (with the unbind function), or the board is damaged and nothing was bound. */
export type Binding = { kind: 'bound'; unbind: () => void } | { kind: 'damaged'; damage: BoardDamage }

type RecordId = TLRecord['id']

/** The serialized tldraw schema in the meta map; checked loosely here, tldraw's migrator checks the rest. */
function readSchema(meta: Y.Map<unknown>): SerializedSchema | null {
  const parsed = serializedSchemaSchema.safeParse(meta.get(BOARD_DOC.schemaKey))
  // typed boundary: the shape is checked above, the versions by tldraw's migrator
  return parsed.success ? (parsed.data as SerializedSchema) : null
}

/**
 * Binds a tldraw store to a board's Yjs document (DESIGN.md §3) and returns the unbind function.
 *
 * Call it once the document holds what this device can know (IndexedDB loaded, server synced or
 * unreachable), before the editor mounts, so a fresh store never races the real board content:
 * - an empty board is seeded with the store's default document and page and the schema;
 * - otherwise the records are migrated from the stored schema and loaded, leaving out any tldraw
 *   could not draw (shared/boards/drawable-board); a damaged board is not bound at all;
 * - then local document changes go to Yjs in one transaction each, and remote Yjs changes come
 *   back through `mergeRemoteChanges`, so they never enter this tab's undo stack.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindingOptions): Binding {
  const yRecords = doc.getMap<unknown>(BOARD_DOC.recordsMap)
  const yMeta = doc.getMap<unknown>(BOARD_DOC.metaMap)
  const ourSchema = store.schema.serialize()

  let storedSchema = readSchema(yMeta)
  const needsMigration = () => storedSchema !== null && !isEqual(storedSchema, ourSchema)

  const writeToDoc = (put: TLRecord[], remove: RecordId[], writeSchema: boolean) => {
    if (!options.canWrite() || (put.length === 0 && remove.length === 0 && !writeSchema)) return
    const fitting = attributionThatFits(put, yRecords, options.limits.maxRecords)
    if (fitting.length === 0 && remove.length === 0 && !writeSchema) return
    doc.transact(() => {
      for (const record of fitting) yRecords.set(record.id, record)
      for (const id of remove) yRecords.delete(id)
      if (writeSchema) yMeta.set(BOARD_DOC.schemaKey, ourSchema)
    }, LOCAL_ORIGIN)
  }

  // records left out of the canvas (they stay in the document, untouched), by id
  const skipped = new Map<string, SkippedRecord>()
  const reportSkipped = () => options.onSkipped([...skipped.values()])

  const damage = loadDocIntoStore()
  if (damage) return { kind: 'damaged', damage }

  function loadDocIntoStore(): BoardDamage | null {
    const board = measureLoad(LOAD_MEASURE.readBoard, () =>
      readDrawableBoard(new Map(yRecords.entries()), yMeta.get(BOARD_DOC.schemaKey), options.limits),
    )
    if (board.kind === 'damaged') return board.damage
    try {
      // clears the store, loads the records and adds whatever a usable store lacks (document, page)
      measureLoad(LOAD_MEASURE.loadStore, () =>
        store.loadStoreSnapshot({
          store: Object.fromEntries(board.records.map((r) => [r.id, r])),
          schema: ourSchema,
        }),
      )
    } catch (error) {
      console.warn('Lockstep: the board could not be loaded into the editor', error)
      return { code: 'unbuildable', message: 'The editor could not be built from what it holds.' }
    }
    for (const record of board.skipped) skipped.set(record.id, record)
    if (skipped.size > 0) console.warn('Lockstep: records left out of the canvas', board.skipped)
    reportSkipped()

    // write back what the load created (an empty board's default page) or migrated
    const changed = Object.values(store.serialize('document')).filter(
      (record) => !isEqual(yRecords.get(record.id), record),
    )
    const schemaChanged = storedSchema === null || needsMigration()
    writeToDoc(changed, [], schemaChanged)
    if (schemaChanged && options.canWrite()) storedSchema = ourSchema
    return null
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
  const incoming = (value: unknown): unknown => {
    if (!needsMigration() || storedSchema === null) return value
    try {
      const result = store.schema.migratePersistedRecord(value as TLRecord, storedSchema)
      return result.type === 'success' ? result.value : null
    } catch {
      return null // not a record tldraw can even look at; sortDrawable says why
    }
  }

  const onRecordsChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return
    // checked before anything is read: 100,000 shapes arriving at once must not reach the canvas
    const tooMany = countDamage(yRecords.size, options.limits)
    if (tooMany) return options.onDamaged(tooMany)
    const batch = new Map<string, unknown>()
    const removed = new Set<string>()
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'delete') removed.add(id)
      else batch.set(id, incoming(yRecords.get(id)))
    })
    // the server checks every change too; this tab still never draws what would hang it
    const sorted = sortDrawable(batch, options.limits, (id) =>
      removed.has(id) ? undefined : store.get(id as RecordId),
    )
    const before = skipped.size
    for (const id of [...removed, ...sorted.kept]) skipped.delete(id)
    for (const record of sorted.skipped) skipped.set(record.id, record)
    const lost = skippedDamage(skipped.size)
    if (lost) return options.onDamaged(lost)
    if (skipped.size !== before || sorted.skipped.length > 0) reportSkipped()

    const remove = [...removed, ...sorted.skipped.map((record) => record.id)].filter((id) => {
      const existing = store.get(id as RecordId)
      return existing !== undefined && store.scopedTypes.document.has(existing.typeName)
    }) as RecordId[]
    // typed boundary: kept records passed tldraw's validators in sortDrawable
    const put = sorted.kept.map((id) => batch.get(id) as TLRecord)
    if (put.length === 0 && remove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (remove.length > 0) store.remove(remove)
      if (put.length > 0) store.put(put)
    })
  }

  const onMetaChange = () => {
    storedSchema = readSchema(yMeta)
  }

  yRecords.observe(onRecordsChange)
  yMeta.observe(onMetaChange)

  return {
    kind: 'bound',
    unbind: () => {
      stopListening()
      yRecords.unobserve(onRecordsChange)
      yMeta.unobserve(onMetaChange)
    },
  }
}
