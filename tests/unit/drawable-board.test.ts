import { describe, expect, it } from 'vitest'
import { type BoardLimits, DEFAULT_BOARD_LIMITS } from '../../shared/boards/board-limits'
import { MAX_SKIPPED_RECORDS, readDrawableBoard } from '../../shared/boards/drawable-board'
import { sortDrawable } from '../../shared/boards/drawable-records'
import {
  BOARD_SCHEMA,
  documentRecord,
  embedShape,
  frameShape,
  geoShape,
  pageRecord,
} from '../support/board-records'

const limits: BoardLimits = { ...DEFAULT_BOARD_LIMITS, maxTextChars: 100, maxRecords: 1000 }

const stored = (...records: Array<{ id: string }>) =>
  new Map<string, unknown>(records.map((record) => [record.id, record]))
const base = () => [documentRecord(), pageRecord()]
const skippedIds = (sort: { skipped: Array<{ id: string }> }) => sort.skipped.map((s) => s.id).sort()

describe('which stored records a browser draws', () => {
  it('keeps a sound board whole', () => {
    const sort = sortDrawable(
      stored(...base(), frameShape('shape:f'), geoShape('shape:in', { parentId: 'shape:f' })),
      limits,
    )
    expect(sort.skipped).toEqual([])
    expect(sort.kept).toHaveLength(4)
  })

  it('skips a parent loop of three shapes, and what sits inside it, but keeps the rest', () => {
    const sort = sortDrawable(
      stored(
        ...base(),
        frameShape('shape:x', { parentId: 'shape:z' }),
        frameShape('shape:y', { parentId: 'shape:x' }),
        frameShape('shape:z', { parentId: 'shape:y' }),
        geoShape('shape:inside', { parentId: 'shape:y' }),
        geoShape('shape:fine'),
      ),
      limits,
    )
    expect(skippedIds(sort)).toEqual(['shape:inside', 'shape:x', 'shape:y', 'shape:z'])
    expect(sort.skipped.find((s) => s.id === 'shape:x')?.problem.code).toBe('parent_cycle')
    expect(sort.kept).toContain('shape:fine')
  })

  it('skips a shape whose parent is missing or was skipped, and text over the limit', () => {
    const sort = sortDrawable(
      stored(
        ...base(),
        geoShape('shape:lost', { parentId: 'shape:nowhere' }),
        geoShape('shape:wordy', { text: 'x'.repeat(101) }),
        geoShape('shape:child', { parentId: 'shape:wordy' }),
      ),
      limits,
    )
    expect(skippedIds(sort)).toEqual(['shape:child', 'shape:lost', 'shape:wordy'])
    expect(sort.skipped.find((s) => s.id === 'shape:wordy')?.problem.code).toBe('text_too_long')
  })

  it('skips an embed of an outside page and a connection to a skipped shape', () => {
    const binding = {
      id: 'binding:b',
      typeName: 'binding',
      type: 'arrow',
      fromId: 'shape:fine',
      toId: 'shape:embed',
      props: {
        terminal: 'end',
        normalizedAnchor: { x: 0.5, y: 0.5 },
        isExact: false,
        isPrecise: false,
        snap: 'none',
      },
      meta: {},
    }
    const sort = sortDrawable(
      stored(...base(), geoShape('shape:fine'), embedShape('shape:embed', 'https://example.com/'), binding),
      limits,
    )
    expect(skippedIds(sort)).toEqual(['binding:b', 'shape:embed'])
    expect(sort.skipped.find((s) => s.id === 'binding:b')?.problem.code).toBe('missing_binding_end')
  })

  it('checks a change against the records already drawn', () => {
    const drawn = stored(...base(), frameShape('shape:a'), frameShape('shape:b', { parentId: 'shape:a' }))
    const change = stored(frameShape('shape:a', { parentId: 'shape:b' }))
    const sort = sortDrawable(change, limits, (id) => drawn.get(id))
    expect(sort.skipped.map((s) => s.problem.code)).toEqual(['parent_cycle'])
  })
})

describe('a damaged board', () => {
  it('is one with more records than its limit, before any record is read', () => {
    const many = stored(...base(), ...Array.from({ length: 1000 }, (_, i) => geoShape(`shape:${i}`)))
    const board = readDrawableBoard(many, BOARD_SCHEMA, limits)
    expect(board.kind === 'damaged' && board.damage.code).toBe('too_many_records')
  })

  it('is one written with a schema this editor cannot read', () => {
    const future = {
      ...BOARD_SCHEMA,
      sequences: { ...BOARD_SCHEMA.sequences, 'com.tldraw.shape.geo': 999 },
    }
    for (const schema of [future, { bogus: true }]) {
      const board = readDrawableBoard(stored(...base()), schema, limits)
      expect(board.kind === 'damaged' && board.damage.code).toBe('schema_mismatch')
    }
  })

  it('is one that would lose more than MAX_SKIPPED_RECORDS records; fewer are skipped and said', () => {
    const lost = (n: number) =>
      Array.from({ length: n }, (_, i) => geoShape(`shape:${i}`, { parentId: 'shape:gone' }))
    const few = readDrawableBoard(stored(...base(), ...lost(2), geoShape('shape:ok')), BOARD_SCHEMA, limits)
    expect(few.kind === 'drawable' && few.skipped.length).toBe(2)
    expect(few.kind === 'drawable' && few.records.map((r) => r.id)).toContain('shape:ok')
    const many = readDrawableBoard(stored(...base(), ...lost(MAX_SKIPPED_RECORDS + 1)), BOARD_SCHEMA, limits)
    expect(many.kind === 'damaged' && many.damage.code).toBe('too_many_skipped')
  })

  it('is not one without a schema yet (a new board)', () => {
    expect(readDrawableBoard(stored(...base()), undefined, limits).kind).toBe('drawable')
  })
})
