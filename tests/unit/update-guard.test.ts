import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeUpdate } from '../../server/sync/update-guard'
import { DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { BOARD_SCHEMA, documentRecord, frameShape, geoShape, pageRecord } from '../support/board-records'

const limits = DEFAULT_BOARD_LIMITS

/** The server's copy of a board with a page and a frame holding one shape. */
function serverBoard(): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
    for (const record of [
      documentRecord(),
      pageRecord(),
      frameShape('shape:f'),
      geoShape('shape:in', { parentId: 'shape:f' }),
    ]) {
      records.set(record.id, record)
    }
    doc.getMap(BOARD_DOC.metaMap).set(BOARD_DOC.schemaKey, BOARD_SCHEMA)
  })
  return doc
}

/** A client that has synced with the server; `change` returns the update its edit produces. */
function clientOf(server: Y.Doc) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
  return {
    doc,
    records: doc.getMap<unknown>(BOARD_DOC.recordsMap),
    change(edit: () => void): Uint8Array {
      const before = Y.encodeStateVector(doc)
      doc.transact(edit)
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

const verdictOf = (server: Y.Doc, update: Uint8Array) => {
  const verdict = judgeUpdate(server, update, limits)
  return verdict.kind === 'refuse' ? verdict.problem.code : verdict.kind
}

describe('judging a Yjs update before it is applied', () => {
  it('accepts an ordinary edit, which then applies as it was read', () => {
    const server = serverBoard()
    const ana = clientOf(server)
    const update = ana.change(() => ana.records.set('shape:a', geoShape('shape:a', { text: 'hello' })))
    expect(verdictOf(server, update)).toBe('accept')
    Y.applyUpdate(server, update)
    expect(server.getMap(BOARD_DOC.recordsMap).get('shape:a')).toEqual(geoShape('shape:a', { text: 'hello' }))
  })

  it('refuses a parent cycle of three records', () => {
    const server = serverBoard()
    const eve = clientOf(server)
    const update = eve.change(() => {
      eve.records.set('shape:x', frameShape('shape:x', { parentId: 'shape:z' }))
      eve.records.set('shape:y', frameShape('shape:y', { parentId: 'shape:x' }))
      eve.records.set('shape:z', frameShape('shape:z', { parentId: 'shape:y' }))
    })
    expect(verdictOf(server, update)).toBe('parent_cycle')
  })

  it('reads overwrites of existing records through their origins (no parent written in the update)', () => {
    const server = serverBoard()
    const eve = clientOf(server)
    const update = eve.change(() =>
      eve.records.set('shape:f', frameShape('shape:f', { parentId: 'shape:in' })),
    )
    expect(verdictOf(server, update)).toBe('parent_cycle')
  })

  it('refuses a bogus schema, removing board settings, and writing outside the two maps', () => {
    const server = serverBoard()
    const eve = clientOf(server)
    const meta = eve.doc.getMap(BOARD_DOC.metaMap)
    expect(
      verdictOf(
        server,
        eve.change(() => meta.set(BOARD_DOC.schemaKey, { schemaVersion: 2, sequences: {} })),
      ),
    ).toBe('schema_mismatch')
    const other = clientOf(server)
    expect(
      verdictOf(
        server,
        other.change(() => other.doc.getMap(BOARD_DOC.metaMap).delete(BOARD_DOC.schemaKey)),
      ),
    ).toBe('bad_board_metadata')
    const third = clientOf(server)
    expect(
      verdictOf(
        server,
        third.change(() => third.doc.getMap('elsewhere').set('k', 'v')),
      ),
    ).toBe('invalid_record')
    const fourth = clientOf(server)
    expect(
      verdictOf(
        server,
        fourth.change(() => fourth.doc.getText('notes').insert(0, 'hi')),
      ),
    ).toBe('invalid_record')
    const fifth = clientOf(server)
    expect(
      verdictOf(
        server,
        fifth.change(() => fifth.records.set('shape:nested', new Y.Map())),
      ),
    ).toBe('invalid_record')
  })

  it('refuses a removal that leaves a shape without its frame, and accepts removing both', () => {
    const server = serverBoard()
    const ana = clientOf(server)
    expect(
      verdictOf(
        server,
        ana.change(() => ana.records.delete('shape:f')),
      ),
    ).toBe('orphaned_records')
    const ben = clientOf(server)
    const both = ben.change(() => {
      ben.records.delete('shape:f')
      ben.records.delete('shape:in')
    })
    expect(verdictOf(server, both)).toBe('accept')
  })

  it('asks again for an update that builds on one the server never applied, instead of holding it', () => {
    const server = serverBoard()
    const ana = clientOf(server)
    ana.change(() => ana.records.set('shape:a', geoShape('shape:a'))) // never reaches the server
    const later = ana.change(() => ana.records.set('shape:b', geoShape('shape:b')))
    expect(verdictOf(server, later)).toBe('missing')
    const removal = ana.change(() => ana.records.delete('shape:a'))
    expect(verdictOf(server, removal)).toBe('missing')
    // the whole of it, as the client re-offers it on sync step 2, is judged as one
    expect(verdictOf(server, Y.encodeStateAsUpdate(ana.doc, Y.encodeStateVector(server)))).toBe('accept')
  })

  it('checks every possible winner when two people change the same record at once', () => {
    const server = serverBoard()
    const ana = clientOf(server)
    const ben = clientOf(server)
    const anaMove = ana.change(() => ana.records.set('shape:in', geoShape('shape:in', { x: 10 })))
    const benMove = ben.change(() => ben.records.set('shape:in', geoShape('shape:in', { x: 20 })))
    expect(verdictOf(server, anaMove)).toBe('accept')
    Y.applyUpdate(server, anaMove)
    expect(verdictOf(server, benMove)).toBe('accept')
    Y.applyUpdate(server, benMove)
    Y.applyUpdate(ana.doc, benMove)
    expect(server.getMap(BOARD_DOC.recordsMap).get('shape:in')).toEqual(ana.records.get('shape:in'))
  })
})
