import { type BoardLimits, type ContentProblem, problem } from './board-limits'
import { checkRecord } from './record-rules'

/** A stored record a browser leaves out of its canvas, and why. */
export interface SkippedRecord {
  id: string
  problem: ContentProblem
}

/** Which records of a batch a browser may draw, and which it skips. */
export interface DrawableSort {
  kept: string[]
  skipped: SkippedRecord[]
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined

/**
 * Sorts stored records (values as they are, possibly damaged) into those tldraw can draw and those
 * it must skip: each record must pass the board's record rules (tldraw's schema, text and size
 * limits, embeds, outside addresses), each shape must sit in a chain of shapes ending at a page
 * (no loop, no missing or skipped parent), and each connection must join two drawable shapes.
 * `outside` looks up records not in the batch (the canvas's own, when a change arrives). Unlike
 * `checkChange`, which refuses a whole change at its first problem, this keeps everything it can.
 */
export function sortDrawable(
  batch: ReadonlyMap<string, unknown>,
  limits: BoardLimits,
  outside: (id: string) => unknown = () => undefined,
): DrawableSort {
  const bad = new Map<string, ContentProblem>()
  for (const [id, value] of batch) {
    const found = checkRecord(id, value, limits)
    if (found) bad.set(id, found)
  }
  const get = (id: string): unknown =>
    batch.has(id) ? (bad.has(id) ? undefined : batch.get(id)) : outside(id)
  const placement = shapePlacement(get)
  for (const [id, value] of batch) {
    if (bad.has(id)) continue
    const typeName = field(value, 'typeName')
    const found =
      typeName === 'shape' ? placement(id) : typeName === 'binding' ? bindingEnds(id, value, placement) : null
    if (found) bad.set(id, found)
  }
  return {
    kept: [...batch.keys()].filter((id) => !bad.has(id)),
    skipped: [...bad].map(([id, found]) => ({ id, problem: found })),
  }
}

/**
 * Whether a shape can be drawn where it is: walks up its parents to a page, remembering every
 * shape's answer so each is walked once. A walk that meets a shape already on it is a loop.
 */
function shapePlacement(get: (id: string) => unknown): (id: string) => ContentProblem | null {
  const known = new Map<string, ContentProblem | null>()
  return (start) => {
    const path: string[] = []
    const onPath = new Set<string>()
    let current: unknown = start
    let answer: ContentProblem | null
    for (;;) {
      if (typeof current !== 'string') {
        answer = problem('missing_parent', 'A shape sits in something that is not on the board.')
        break
      }
      const settled = known.get(current)
      if (settled !== undefined) {
        answer = settled
        break
      }
      const value = get(current)
      if (field(value, 'typeName') === 'page' && current !== start) {
        answer = null
        break
      }
      if (field(value, 'typeName') !== 'shape') {
        answer = problem('missing_parent', 'A shape sits in something that is not on the board.')
        break
      }
      if (onPath.has(current)) {
        answer = problem('parent_cycle', 'Shapes are placed inside each other in a loop.')
        break
      }
      path.push(current)
      onPath.add(current)
      current = field(value, 'parentId')
    }
    for (const id of path) known.set(id, answer)
    return answer && { ...answer, recordId: start }
  }
}

function bindingEnds(
  id: string,
  value: unknown,
  placement: (id: string) => ContentProblem | null,
): ContentProblem | null {
  for (const end of [field(value, 'fromId'), field(value, 'toId')]) {
    if (typeof end !== 'string' || !end.startsWith('shape:') || placement(end) !== null) {
      return problem('missing_binding_end', 'A connection points at a shape that cannot be shown.', id)
    }
  }
  return null
}
