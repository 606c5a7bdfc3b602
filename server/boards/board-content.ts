import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPage,
  type TLPageId,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardLimits } from '../../shared/boards/board-limits'
import { type BoardView, checkChange } from '../../shared/boards/change-rules'
import { boardSchema } from '../../shared/boards/record-rules'
import { planRestore, sameJson } from '../../shared/boards/restore-plan'
import {
  type BoardContent,
  type DocumentRecord,
  documentRecordSchema,
  serializedSchemaSchema,
} from '../../shared/protocol/board-file'
import type { Failure } from '../../shared/protocol/errors'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'

/** A board document's content as plain data, and the template it was started from. */
export interface DocumentContent {
  content: BoardContent
  /** The start template recorded in the document (so a copy does not insert it again). */
  startTemplate: string | null
}

/** Reads the content of a board's Yjs state (as stored, or as a version keeps it). */
export function contentOfState(state: Uint8Array | null): DocumentContent {
  const doc = new Y.Doc()
  try {
    if (state) Y.applyUpdate(doc, state)
    return contentOfDoc(doc)
  } finally {
    doc.destroy()
  }
}

/** Reads the content of a live board document. */
export function contentOfDoc(doc: Y.Doc): DocumentContent {
  const meta = doc.getMap<unknown>(BOARD_DOC.metaMap)
  const schema = serializedSchemaSchema.safeParse(meta.get(BOARD_DOC.schemaKey))
  // a value that is not a record (written by a client we do not know) is left out, not fatal
  const records = [...doc.getMap<unknown>(BOARD_DOC.recordsMap).values()].flatMap((value) => {
    const record = documentRecordSchema.safeParse(value)
    return record.success ? [record.data] : []
  })
  const startTemplate = meta.get(BOARD_DOC.startTemplateKey)
  return {
    // a board nobody has opened yet has no schema: its (absent) records follow this server's editor
    content: { schema: schema.success ? schema.data : boardSchema().serialize(), records },
    startTemplate: typeof startTemplate === 'string' ? startTemplate : null,
  }
}

/** What every new board starts with: tldraw's document record and first page, as the editor adds them. */
export function emptyBoardContent(): BoardContent {
  const records = [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({
      id: 'page:page' as TLPageId,
      name: 'Page 1',
      index: 'a1' as TLPage['index'],
      meta: {},
    }),
  ]
  // typed boundary: tldraw's own records are document records by construction
  return { schema: boardSchema().serialize(), records: records as unknown as DocumentRecord[] }
}

/** A fresh board document holding this content, as one Yjs update. */
export function stateOfContent({ content, startTemplate }: DocumentContent): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
      for (const record of content.records) records.set(record.id, record)
      const meta = doc.getMap<unknown>(BOARD_DOC.metaMap)
      meta.set(BOARD_DOC.schemaKey, content.schema)
      if (startTemplate) meta.set(BOARD_DOC.startTemplateKey, startTemplate)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * Checks content from outside (an import) with the same rules as every live change: migrates it to
 * the records this server's editor writes, then checks each record and what they make together
 * (shared/boards). Refuses the whole content if anything is wrong.
 */
export function checkContent(
  content: BoardContent,
  limits: BoardLimits,
): { ok: true; content: BoardContent } | { ok: false; failure: Failure } {
  const schema = boardSchema()
  const byId = Object.fromEntries(content.records.map((record) => [record.id, record]))
  if (Object.keys(byId).length !== content.records.length) {
    return refuse('The board file lists the same record twice.')
  }
  // typed boundary: the envelope is checked by zod, the versions by tldraw's migrator below
  const migrated = schema.migrateStoreSnapshot({ store: byId as never, schema: content.schema as never })
  if (migrated.type !== 'success') {
    return refuse(`The board file was written by a newer or unknown editor (${migrated.reason}).`)
  }
  const records = Object.values(migrated.value) as unknown as DocumentRecord[]
  const whole = new Map(records.map((record) => [record.id, [record]]))
  const found = checkChange(EMPTY_BOARD, whole, limits)
  if (found) {
    const where = found.recordId ? `Record ${found.recordId} in the board file: ` : 'The board file: '
    return refuse(`${where}${found.message}`)
  }
  return { ok: true, content: { schema: schema.serialize(), records } }
}

const EMPTY_BOARD: BoardView = { get: () => undefined, size: () => 0, values: () => [] }

function refuse(message: string): { ok: false; failure: Failure } {
  return { ok: false, failure: { code: 'bad_request', message } }
}

/**
 * Brings a live document back to a version's content in one Yjs transaction (so every client
 * gets one update). When the version was written with another schema, every record is rewritten
 * along with the schema, so the document never mixes record versions.
 */
export function restoreDoc(
  doc: Y.Doc,
  version: BoardContent,
  origin: unknown,
): { put: number; removed: number } {
  const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
  const meta = doc.getMap<unknown>(BOARD_DOC.metaMap)
  const sameSchema = sameJson(meta.get(BOARD_DOC.schemaKey), version.schema)
  const current = sameSchema
    ? new Map(records.entries())
    : new Map([...records.keys()].map((id) => [id, null]))
  const plan = planRestore(current, version.records)
  if (plan.put.length === 0 && plan.remove.length === 0 && sameSchema) return { put: 0, removed: 0 }
  doc.transact(() => {
    for (const id of plan.remove) records.delete(id)
    for (const record of plan.put) records.set(record.id, record)
    if (!sameSchema) meta.set(BOARD_DOC.schemaKey, version.schema)
  }, origin)
  return { put: plan.put.length, removed: plan.remove.length }
}
