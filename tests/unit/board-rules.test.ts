import { describe, expect, it } from 'vitest'
import { type BoardLimits, DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import { type BoardView, checkChange } from '../../shared/boards/change-rules'
import { boardSchemaSerialized, checkMetaEntry, checkRecord } from '../../shared/boards/record-rules'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import {
  documentRecord,
  embedShape,
  frameShape,
  geoShape,
  imageAsset,
  pageRecord,
} from '../support/board-records'

const limits: BoardLimits = { ...DEFAULT_BOARD_LIMITS, maxTextChars: 100, maxRecords: 10 }

/** A board held in a Map, as the rules see the live document. */
function board(...records: Array<{ id: string }>): BoardView & { records: Map<string, unknown> } {
  const map = new Map<string, unknown>(records.map((record) => [record.id, record]))
  return { records: map, get: (id) => map.get(id), size: () => map.size, values: () => map.values() }
}

const put = (...records: Array<{ id: string }>) => new Map(records.map((record) => [record.id, [record]]))
const remove = (...ids: string[]) => new Map(ids.map((id) => [id, [null]]))
const codeOf = (found: { code: string } | null) => found?.code ?? null

describe('one record on its own', () => {
  it('accepts a valid tldraw shape', () => {
    expect(checkRecord('shape:a', geoShape('shape:a', { text: 'Cell 1' }), limits)).toBeNull()
  })

  it('refuses unknown types, invalid props and a record filed under another id', () => {
    expect(codeOf(checkRecord('shape:a', { ...geoShape('shape:a'), type: 'rocket' }, limits))).toBe(
      'invalid_record',
    )
    const badProps = { ...geoShape('shape:a'), props: { ...geoShape('shape:a').props, w: 'wide' } }
    expect(codeOf(checkRecord('shape:a', badProps, limits))).toBe('invalid_record')
    expect(codeOf(checkRecord('shape:b', geoShape('shape:a'), limits))).toBe('invalid_record')
    expect(codeOf(checkRecord('instance:x', { id: 'instance:x', typeName: 'instance' }, limits))).toBe(
      'invalid_record',
    )
  })

  it('refuses text over the limit and keeps text at the limit', () => {
    expect(checkRecord('shape:a', geoShape('shape:a', { text: 'x'.repeat(100) }), limits)).toBeNull()
    const found = checkRecord('shape:a', geoShape('shape:a', { text: 'x'.repeat(101) }), limits)
    expect(found).toMatchObject({ code: 'text_too_long', recordId: 'shape:a' })
    expect(found?.message).toContain('100')
  })

  it('refuses a record too large to draw, whatever field holds the bulk', () => {
    const bloated = { ...geoShape('shape:a'), meta: { blob: 'x'.repeat(300 * 1024) } }
    expect(codeOf(checkRecord('shape:a', bloated, limits))).toBe('record_too_large')
  })

  it('refuses embeds unless their host is allowed (none by default)', () => {
    const embed = embedShape('shape:e', 'https://video.example.org/watch?v=1')
    expect(codeOf(checkRecord('shape:e', embed, limits))).toBe('embed_not_allowed')
    expect(checkRecord('shape:e', embed, { ...limits, embedHosts: ['video.example.org'] })).toBeNull()
    const other = embedShape('shape:e', 'https://elsewhere.example.org/')
    expect(codeOf(checkRecord('shape:e', other, { ...limits, embedHosts: ['video.example.org'] }))).toBe(
      'embed_not_allowed',
    )
  })

  it('keeps pictures inline or on this server, never elsewhere', () => {
    expect(checkRecord('asset:a', imageAsset('asset:a', 'data:image/png;base64,AAAA'), limits)).toBeNull()
    expect(checkRecord('asset:a', imageAsset('asset:a', '/api/pictures/a.png'), limits)).toBeNull()
    for (const outside of ['https://example.org/a.png', '//example.org/a.png', '/\\example.org/a.png']) {
      expect(codeOf(checkRecord('asset:a', imageAsset('asset:a', outside), limits))).toBe('outside_address')
    }
  })
})

describe('the board meta map', () => {
  it("accepts only this server's schema and a template id", () => {
    expect(checkMetaEntry(BOARD_DOC.schemaKey, boardSchemaSerialized())).toBeNull()
    const bogus = { schemaVersion: 2, sequences: { 'com.tldraw.shape.geo': 999 } }
    expect(codeOf(checkMetaEntry(BOARD_DOC.schemaKey, bogus))).toBe('schema_mismatch')
    expect(checkMetaEntry(BOARD_DOC.startTemplateKey, 'cell-based')).toBeNull()
    expect(codeOf(checkMetaEntry('anything', 1))).toBe('bad_board_metadata')
  })
})

describe('what a change makes of the board', () => {
  const base = () =>
    board(
      documentRecord(),
      pageRecord(),
      frameShape('shape:f'),
      geoShape('shape:in', { parentId: 'shape:f' }),
    )

  it('accepts new shapes on a page and inside a frame', () => {
    expect(
      checkChange(base(), put(geoShape('shape:a'), geoShape('shape:b', { parentId: 'shape:f' })), limits),
    ).toBeNull()
  })

  it('refuses a shape whose parent is not on the board', () => {
    expect(codeOf(checkChange(base(), put(geoShape('shape:a', { parentId: 'shape:nowhere' })), limits))).toBe(
      'missing_parent',
    )
    expect(codeOf(checkChange(base(), put(geoShape('shape:a', { parentId: 'page:other' })), limits))).toBe(
      'missing_parent',
    )
  })

  it('refuses a parent cycle of three shapes written at once', () => {
    const cycle = put(
      frameShape('shape:x', { parentId: 'shape:z' }),
      frameShape('shape:y', { parentId: 'shape:x' }),
      frameShape('shape:z', { parentId: 'shape:y' }),
    )
    expect(codeOf(checkChange(base(), cycle, limits))).toBe('parent_cycle')
  })

  it('refuses a move that closes a cycle through shapes already there', () => {
    const nested = board(
      documentRecord(),
      pageRecord(),
      frameShape('shape:x'),
      frameShape('shape:y', { parentId: 'shape:x' }),
      frameShape('shape:z', { parentId: 'shape:y' }),
    )
    expect(codeOf(checkChange(nested, put(frameShape('shape:x', { parentId: 'shape:z' })), limits))).toBe(
      'parent_cycle',
    )
    expect(checkChange(nested, put(frameShape('shape:x', { x: 50 })), limits)).toBeNull()
  })

  it('refuses a cycle possible in any outcome of concurrent edits', () => {
    const nested = board(
      documentRecord(),
      pageRecord(),
      frameShape('shape:x'),
      frameShape('shape:y', { parentId: 'shape:x' }),
    )
    const eitherWay = new Map([
      ['shape:x', [frameShape('shape:x'), frameShape('shape:x', { parentId: 'shape:y' })]],
    ])
    expect(codeOf(checkChange(nested, eitherWay, limits))).toBe('parent_cycle')
  })

  it('refuses removing what other shapes still sit in, the document or the last page', () => {
    expect(codeOf(checkChange(base(), remove('shape:f'), limits))).toBe('orphaned_records')
    expect(checkChange(base(), remove('shape:f', 'shape:in'), limits)).toBeNull()
    expect(codeOf(checkChange(base(), remove('document:document'), limits))).toBe('document_removed')
    const empty = board(documentRecord(), pageRecord())
    expect(codeOf(checkChange(empty, remove('page:page'), limits))).toBe('last_page_removed')
    expect(checkChange(empty, put(pageRecord('page:two', 'a2')), limits)).toBeNull()
  })

  it('refuses the change that would take the board over its record limit, across several changes', () => {
    const live = base()
    let refusedAt = -1
    for (let n = 0; n < 10 && refusedAt < 0; n++) {
      const change = put(geoShape(`shape:n${n}a`), geoShape(`shape:n${n}b`))
      if (checkChange(live, change, limits)) refusedAt = n
      else for (const [id, [value]] of change) live.records.set(id, value)
    }
    expect(live.records.size).toBe(limits.maxRecords)
    expect(refusedAt).toBe(3)
    // replacing a record or removing one to make room stays possible when full
    expect(checkChange(live, put(geoShape('shape:n0a', { x: 9 })), limits)).toBeNull()
  })
})
