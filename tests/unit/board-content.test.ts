import { createTLSchema } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  checkContent,
  contentOfDoc,
  contentOfState,
  restoreDoc,
  stateOfContent,
} from '../../server/boards/board-content'
import { DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import type { BoardContent } from '../../shared/protocol/board-file'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'

const schema = createTLSchema().serialize()

const content = (records: unknown[]): BoardContent => ({
  schema,
  records: records as BoardContent['records'],
})

describe('board content', () => {
  it('round-trips content through a Yjs state, with the start template', () => {
    const original = content([
      { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
      { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    ])
    const back = contentOfState(stateOfContent({ content: original, startTemplate: 'cells' }))
    expect(back.startTemplate).toBe('cells')
    expect(back.content.schema).toEqual(schema)
    expect(back.content.records).toEqual(original.records)
  })

  it('keeps attribution records and the stored schema, leaving out only what is not a record', () => {
    const doc = new Y.Doc()
    const older = { schemaVersion: 2 as const, sequences: { ...schema.sequences, 'com.tldraw.shape': 1 } }
    doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.schemaKey, older)
    const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
    const user = { id: 'user:ana', typeName: 'user', name: 'Ana', color: '#f00', meta: {} }
    records.set(user.id, user)
    records.set('junk', 42)
    const { content } = contentOfDoc(doc)
    expect(content.schema).toEqual(older)
    expect(content.records).toEqual([user])
  })

  it('accepts valid tldraw records and refuses an invalid one by name', () => {
    const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
    expect(checkContent(content([page]), DEFAULT_BOARD_LIMITS).ok).toBe(true)
    const result = checkContent(
      content([page, { id: 'page:bad', typeName: 'page', name: 42 }]),
      DEFAULT_BOARD_LIMITS,
    )
    expect(result).toMatchObject({ ok: false, failure: { code: 'bad_request' } })
    if (!result.ok) expect(result.failure.message).toContain('page:bad')
  })

  it('refuses content from an unknown future schema and duplicate records', () => {
    const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
    const future = { schemaVersion: 2 as const, sequences: { ...schema.sequences, 'com.tldraw.page': 999 } }
    expect(
      checkContent({ schema: future, records: [page] as BoardContent['records'] }, DEFAULT_BOARD_LIMITS).ok,
    ).toBe(false)
    expect(checkContent(content([page, page]), DEFAULT_BOARD_LIMITS).ok).toBe(false)
  })

  it('restores a live document in one transaction, touching only what differs', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
    doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.schemaKey, schema)
    const a = { id: 'shape:a', typeName: 'shape', x: 1 }
    const b = { id: 'shape:b', typeName: 'shape', x: 2 }
    records.set(a.id, a)
    records.set(b.id, b)
    const version = contentOfDoc(doc).content
    records.set(b.id, { ...b, x: 99 })
    records.set('shape:c', { id: 'shape:c', typeName: 'shape', x: 3 })
    records.delete(a.id)

    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    expect(restoreDoc(doc, version, 'restore')).toEqual({ put: 2, removed: 1 })
    expect(transactions).toBe(1)
    expect(records.toJSON()).toEqual({ 'shape:a': a, 'shape:b': b })
    expect(restoreDoc(doc, version, 'restore')).toEqual({ put: 0, removed: 0 })
  })
})
