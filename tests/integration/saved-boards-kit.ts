import { createTLSchema, toRichText } from '@tldraw/tlschema'
import type { BoardContent, DocumentRecord } from '../../shared/protocol/board-file'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { arrowBindings, arrowShape, geoShape } from '../support/board-records'
import type { BoardClient } from '../support/yjs-client'

/** Board content helpers shared by the saved-boards integration tests (not a test file itself). */

export const TLDRAW_SCHEMA = createTLSchema().serialize()

/** Valid tldraw document records of every kind a board holds: document, page, shapes, an arrow and its binding. */
export function tldrawRecords(label = 'a'): DocumentRecord[] {
  const box = (name: string, x: number) => ({
    ...geoShape(`shape:${label}-${name}`, { x, y: 40, text: `${label} ${name}` }),
    meta: { nodeId: `${label}-${name}` },
  })
  const arrowId = `shape:${label}-arrow`
  const arrow = arrowShape(arrowId, { x: 100, y: 40 })
  const [, endBinding] = arrowBindings(arrowId, `shape:${label}-gateway`, `shape:${label}-cell`)
  const records = [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
    box('gateway', 0),
    box('cell', 300),
    {
      ...arrow,
      meta: { nodeId: `${label}-arrow` },
      props: { ...arrow.props, richText: toRichText('calls') },
    },
    endBinding,
  ]
  return records as DocumentRecord[]
}

/** Writes content into a client's document in one transaction, as the board page's binding would. */
export function drawContent(client: BoardClient, content: BoardContent): void {
  client.doc.transact(() => {
    client.doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.schemaKey, content.schema)
    for (const record of content.records) client.records.set(record.id, record)
  })
}

/** Removes a shape and the connections to it in one transaction, as tldraw does (the server refuses orphans). */
export function removeShape(client: BoardClient, shapeId: string): void {
  client.doc.transact(() => {
    for (const [id, value] of client.records.entries()) {
      const { fromId, toId } = (value ?? {}) as { fromId?: unknown; toId?: unknown }
      if (fromId === shapeId || toId === shapeId) client.records.delete(id)
    }
    client.records.delete(shapeId)
  })
}

/** Removes the whole drawing in one transaction, keeping the document and its pages (a board needs them). */
export function clearDrawing(client: BoardClient): void {
  client.doc.transact(() => {
    for (const id of [...client.records.keys()]) {
      if (id !== 'document:document' && !id.startsWith('page:')) client.records.delete(id)
    }
  })
}

/** A client's records, sorted by id, for comparisons. */
export function recordsOf(client: BoardClient): unknown[] {
  return sortById([...client.records.values()])
}

export function sortById<T>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => recordId(a).localeCompare(recordId(b)))
}

function recordId(record: unknown): string {
  return String((record as { id?: unknown }).id)
}

/** The smallest valid PNG header plus some bytes: enough for the server's signature check. */
export function pngBytes(extra = 64, fill = 7): Uint8Array {
  const bytes = new Uint8Array(8 + extra).fill(fill)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return bytes
}

/** Polls an async condition (e.g. a store query) until it holds; a bound, not a timing assertion. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
