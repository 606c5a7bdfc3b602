import { type BoardLimits, type ContentProblem, problem } from './board-limits'
import { checkRecord } from './record-rules'

/** The board's records as they are before a change (values as stored; old ones may be damaged). */
export interface BoardView {
  get(id: string): unknown
  /** How many records the board holds. */
  size(): number
  /** Every record, for the rare checks that must look at all of them (removals). */
  values(): Iterable<unknown>
}

/**
 * A change, by record id: every value the record may end with (null: removed). One value when the
 * outcome is known; several when concurrent edits leave the winner open, and then each must hold.
 */
export type BoardChange = ReadonlyMap<string, readonly unknown[]>

const DOCUMENT_ID = 'document:document'

/**
 * Checks a change against the board it applies to: every record on its own, then what they make
 * together (parents exist and form no cycle, connections have both ends, nothing is orphaned, the
 * document and a page remain, the board stays within its size). Returns null when it may be kept.
 */
export function checkChange(
  board: BoardView,
  change: BoardChange,
  limits: BoardLimits,
): ContentProblem | null {
  for (const [id, outcomes] of change) {
    for (const value of outcomes) {
      if (value === null) continue
      const found = checkRecord(id, value, limits)
      if (found) return found
    }
  }
  return checkLinks(board, change) ?? checkRemovals(board, change) ?? checkCount(board, change, limits)
}

/** The values a record may have after the change: its outcomes if touched, else what it is now. */
function worlds(board: BoardView, change: BoardChange, id: string): readonly unknown[] {
  return change.get(id) ?? [board.get(id) ?? null]
}

/** Whether `id` is there after the change whatever the outcome, and each value passes `is`. */
function alwaysThere(board: BoardView, change: BoardChange, id: string, is: (value: object) => boolean) {
  return worlds(board, change, id).every((value) => typeof value === 'object' && value !== null && is(value))
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
const typeOf = (value: unknown): unknown => field(value, 'typeName')
const isContainer = (value: object) => typeOf(value) === 'page' || typeOf(value) === 'shape'
const isShape = (value: object) => typeOf(value) === 'shape'

function checkLinks(board: BoardView, change: BoardChange): ContentProblem | null {
  for (const [id, outcomes] of change) {
    for (const value of outcomes) {
      if (typeOf(value) === 'shape') {
        const parentId = field(value, 'parentId')
        if (typeof parentId !== 'string' || !alwaysThere(board, change, parentId, isContainer)) {
          return problem('missing_parent', 'A shape was placed in something that is not on the board.', id)
        }
      }
      if (typeOf(value) === 'binding') {
        const ends = [field(value, 'fromId'), field(value, 'toId')]
        if (!ends.every((end) => typeof end === 'string' && alwaysThere(board, change, end, isShape))) {
          return problem(
            'missing_binding_end',
            'A connection points at a shape that is not on the board.',
            id,
          )
        }
      }
    }
  }
  return findCycle(board, change)
}

/**
 * Walks up from every changed shape through each parent it may have; a walk that comes back to a
 * shape on its own path is a cycle (tldraw would loop forever drawing it).
 */
function findCycle(board: BoardView, change: BoardChange): ContentProblem | null {
  const done = new Set<string>()
  for (const start of change.keys()) {
    const onPath = new Set<string>()
    const stack: Array<{ id: string; parents: string[] }> = []
    const enter = (id: string) => {
      onPath.add(id)
      const parents = worlds(board, change, id)
        .filter((value) => typeOf(value) === 'shape')
        .map((value) => field(value, 'parentId'))
        .filter((parent): parent is string => typeof parent === 'string')
      stack.push({ id, parents })
    }
    if (done.has(start)) continue
    enter(start)
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; parents: string[] }
      const next = top.parents.pop()
      if (next === undefined) {
        stack.pop()
        onPath.delete(top.id)
        done.add(top.id)
        continue
      }
      if (onPath.has(next))
        return problem('parent_cycle', 'Shapes cannot be placed inside each other in a loop.', start)
      if (!done.has(next)) enter(next)
    }
  }
  return null
}

function checkRemovals(board: BoardView, change: BoardChange): ContentProblem | null {
  const removed = new Set<string>()
  for (const [id, outcomes] of change) {
    if (outcomes.includes(null) && board.get(id) !== undefined) removed.add(id)
  }
  if (removed.size === 0) return null
  if (removed.has(DOCUMENT_ID)) return problem('document_removed', 'The board itself cannot be removed.')
  if ([...removed].some((id) => id.startsWith('page:')) && !pageRemains(board, change)) {
    return problem('last_page_removed', 'A board needs at least one page.')
  }
  // what stays must not point at what goes (changed records were checked by checkLinks)
  for (const value of board.values()) {
    const id = field(value, 'id')
    if (typeof id !== 'string' || change.has(id)) continue
    const refs = [field(value, 'parentId'), field(value, 'fromId'), field(value, 'toId')]
    if (refs.some((ref) => typeof ref === 'string' && removed.has(ref))) {
      return problem('orphaned_records', 'Something was removed while other shapes still need it.', id)
    }
  }
  return null
}

function pageRemains(board: BoardView, change: BoardChange): boolean {
  for (const value of board.values()) {
    const id = field(value, 'id')
    if (typeOf(value) === 'page' && typeof id === 'string' && !change.has(id)) return true
  }
  for (const [id, outcomes] of change) {
    if (id.startsWith('page:') && outcomes.every((value) => value !== null && typeOf(value) === 'page'))
      return true
  }
  return false
}

function checkCount(board: BoardView, change: BoardChange, limits: BoardLimits): ContentProblem | null {
  let added = 0
  let removed = 0
  for (const [id, outcomes] of change) {
    const exists = board.get(id) !== undefined
    if (!exists && outcomes.some((value) => value !== null)) added++
    if (exists && outcomes.every((value) => value === null)) removed++
  }
  if (added <= removed) return null
  if (board.size() + added - removed <= limits.maxRecords) return null
  return problem('too_many_records', `The board is full (at most ${limits.maxRecords} items).`)
}
