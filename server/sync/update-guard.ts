import type * as Y from 'yjs'
import { type BoardLimits, type ContentProblem, problem } from '../../shared/boards/board-limits'
import { type BoardView, checkChange } from '../../shared/boards/change-rules'
import { checkMetaEntry } from '../../shared/boards/record-rules'
import { BOARD_DOC } from '../../shared/protocol/yjs-doc'
import { readUpdate } from './update-reading'

/** What becomes of a client's update: applied, asked for again with what it builds on, or refused. */
export type UpdateVerdict =
  | { kind: 'accept' }
  | { kind: 'missing' }
  | { kind: 'refuse'; problem: ContentProblem }

/**
 * Judges a client's update against the live board before it is applied, stored or relayed, with
 * the same rules the import and the browser use (shared/boards). Only the records it touches are
 * checked, against the document as it is; nothing is copied.
 */
export function judgeUpdate(doc: Y.Doc, update: Uint8Array, limits: BoardLimits): UpdateVerdict {
  const reading = readUpdate(doc, update)
  if (reading.kind === 'missing') return reading
  if (reading.kind === 'refused') return { kind: 'refuse', problem: reading.problem }
  for (const [key, values] of reading.meta) {
    for (const value of values) {
      const found =
        value === null
          ? problem('bad_board_metadata', 'Board settings cannot be removed.')
          : checkMetaEntry(key, value)
      if (found) return { kind: 'refuse', problem: found }
    }
  }
  if (reading.records.size === 0) return { kind: 'accept' }
  const found = checkChange(boardView(doc), reading.records, limits)
  return found ? { kind: 'refuse', problem: found } : { kind: 'accept' }
}

/** The live document's records, read in place. */
export function boardView(doc: Y.Doc): BoardView {
  const records = doc.getMap<unknown>(BOARD_DOC.recordsMap)
  return { get: (id) => records.get(id), size: () => records.size, values: () => records.values() }
}
